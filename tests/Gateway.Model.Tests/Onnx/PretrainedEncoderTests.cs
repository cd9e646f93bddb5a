using Gateway.Model.Encoders;
using Gateway.Model.Tokenization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static TorchSharp.torch;
using Xunit.Abstractions;

namespace Gateway.Model.Tests.Onnx;

/// <summary>
/// The real encoders shipped in the SentenceTransformers packages (build dependencies, so no download at run time),
/// checked against ONNX Runtime running the very same embedded graph.
/// </summary>
public sealed class PretrainedEncoderTests(ITestOutputHelper output)
{
    private static readonly string[] Sentences =
    [
        "How many singers do we have?",
        "Show the name and the release year of the song by the youngest singer.",
        "Café Déjà-vu: list all concerts in 2014!",
    ];

    // BertModel without the pooler (which the graph carries but the encoder does not use):
    // embeddings 11,918,592 + 6 layers × 1,774,464.
    private const long MiniLmParameters = 22_565_376;

    [Fact]
    public async Task MiniLm_import_maps_every_parameter_of_six_layers()
    {
        using var encoder = await PretrainedEncoders.LoadAsync("minilm");
        Assert.Equal(6, encoder.Config.NumHiddenLayers);
        Assert.Equal(384, encoder.Config.HiddenSize);
        Assert.Equal(1536, encoder.Config.IntermediateSize);
        Assert.Equal(30522, encoder.Config.VocabSize);
        Assert.Equal(MiniLmParameters, encoder.ParameterCount);
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arcticxs")]
    public async Task Token_states_match_onnx_runtime_on_the_same_graph(string name)
    {
        using var encoder = await PretrainedEncoders.LoadAsync(name);
        var tokenizer = new WordPieceTokenizer(WordPieceVocabulary.Parse(await PretrainedEncoders.ReadVocabularyAsync(name)));
        var encodings = Sentences.Select(s => tokenizer.Encode(s)).ToList();
        using var batch = BertBatch.Create(encodings, tokenizer.PaddingId);

        using var session = new InferenceSession(await PretrainedEncoders.ReadOnnxAsync(name));
        var expected = RunOnnx(session, batch);

        using var noGrad = no_grad();
        using var states = encoder.Forward(batch.InputIds, batch.TokenTypeIds, batch.AttentionMask);
        var actual = states.data<float>().ToArray();

        Assert.Equal(expected.Length, actual.Length);
        var maxDiff = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        output.WriteLine($"{name}: {encodings.Count} sentences, {expected.Length / 384} token states, max abs diff {maxDiff:E2}");
        Assert.True(maxDiff < 1e-4f, $"max abs diff {maxDiff}");
    }

    [Fact]
    public async Task Export_writes_a_checkpoint_that_loads_offline()
    {
        using var dir = new TempDirectory();
        await PretrainedEncoders.ExportAsync("minilm", dir.Path);

        Assert.True(File.Exists(dir.File("model.safetensors")));
        Assert.Equal(30522, (await WordPieceVocabulary.LoadAsync(dir.File("vocab.txt"))).Count);
        using var encoder = await BertEncoder.LoadAsync(dir.Path);
        Assert.Equal(MiniLmParameters, encoder.ParameterCount);
        Assert.Equal(12, encoder.Config.NumAttentionHeads);
    }

    [Fact]
    public async Task Real_vocabulary_folds_accents_to_known_words()
    {
        var tokenizer = new WordPieceTokenizer(WordPieceVocabulary.Parse(await PretrainedEncoders.ReadVocabularyAsync("minilm")));
        Assert.Equal(["cafe", "de", "##ja", "-", "vu"], tokenizer.Tokenize("Café Déjà-vu").Select(t => t.Value));
    }

    [Fact]
    public async Task Real_vocabulary_gives_the_bert_uncased_ids()
    {
        var tokenizer = new WordPieceTokenizer(WordPieceVocabulary.Parse(await PretrainedEncoders.ReadVocabularyAsync("minilm")));
        // [CLS] hello , world ! [SEP] as bert-base-uncased numbers them.
        Assert.Equal([101, 7592, 1010, 2088, 999, 102], tokenizer.Encode("Hello, world!").Ids);
    }

    private static float[] RunOnnx(InferenceSession session, BertBatch batch)
    {
        var shape = batch.InputIds.shape.Select(d => (int)d).ToArray();
        var feeds = new Dictionary<string, TorchSharp.torch.Tensor>
        {
            ["input_ids"] = batch.InputIds,
            ["attention_mask"] = batch.AttentionMask,
            ["token_type_ids"] = batch.TokenTypeIds,
        };
        var inputs = session.InputMetadata.Keys
            .Select(k => NamedOnnxValue.CreateFromTensor(k, new DenseTensor<long>(new Memory<long>(feeds[k].data<long>().ToArray()), shape)))
            .ToList();
        using var outputs = session.Run(inputs);
        // The first output is the token states [batch, seq, hidden]; a pooler output may follow.
        return outputs[0].AsTensor<float>().ToArray();
    }
}
