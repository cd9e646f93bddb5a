using Gateway.Generation.Local;
using Gateway.Model;
using Gateway.Model.Config;
using Gateway.Model.Lora;
using Gateway.Model.Tokenization;
using Gateway.Sql.Dialects;

namespace Gateway.Generation.Tests.Local;

/// <summary>The local back end on a tiny random model written to disk: beams as candidates, adapters per source.</summary>
public sealed class LocalCausalLmGeneratorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gateway-local-gen-").FullName;

    public LocalCausalLmGeneratorTests()
    {
        var config = new ModelConfig
        {
            VocabSize = ByteLevelTokenizerJson.VocabSize,
            HiddenSize = 32,
            IntermediateSize = 48,
            NumHiddenLayers = 2,
            NumAttentionHeads = 4,
            NumKeyValueHeads = 2,
            MaxPositionEmbeddings = 4096,
            EosTokenIds = [ByteLevelTokenizerJson.EndOfText],
        };
        using var model = CausalLm.Create(config, seed: 5, std: 0.2);
        model.Save(Model);
        File.WriteAllText(Path.Combine(Model, HfTokenizer.FileName), ByteLevelTokenizerJson.Build());
        model.AddLora(new LoraOptions { Rank = 2, Alpha = 64 }, seed: 6);
        using (TorchSharp.torch.no_grad())
        {
            foreach (var p in model.TrainableParameters())
            {
                p.normal_(0, 0.5);
            }
        }

        model.SaveAdapter(Adapter);
    }

    private string Model => Path.Combine(_root, "model");

    private string Adapter => Path.Combine(_root, "adapter");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Beam_search_offers_as_many_distinct_candidates_as_asked()
    {
        using var generator = new LocalCausalLmGenerator(new LocalGeneratorOptions { ModelDirectory = Model, MaxNewTokens = 6, Beams = 3, MaxPromptTokens = 64 });

        var candidates = await generator.GenerateAsync(Request(source: null) with { Candidates = 3 });

        Assert.Equal(3, candidates.Count);
        Assert.Equal(3, candidates.Select(c => c.Reply).Distinct().Count());
    }

    [Fact]
    public async Task Each_source_gets_its_adapter_and_the_others_the_base_whatever_the_order()
    {
        var options = new LocalGeneratorOptions
        {
            ModelDirectory = Model,
            MaxNewTokens = 8,
            MaxPromptTokens = 64,
            Adapters = new Dictionary<string, string> { ["shop"] = Adapter },
        };
        using var shared = new LocalCausalLmGenerator(options);
        using var adapterOnly = new LocalCausalLmGenerator(options with { Adapters = new Dictionary<string, string> { ["shop"] = Adapter, ["other"] = Adapter } });

        var baseFirst = await shared.GenerateAsync(Request(source: "sales"));
        var shop = await shared.GenerateAsync(Request(source: "shop"));
        var baseAgain = await shared.GenerateAsync(Request(source: null));
        var alone = await adapterOnly.GenerateAsync(Request(source: "other"));

        Assert.Equal(baseFirst[0].Reply, baseAgain[0].Reply);
        Assert.Equal(alone[0].Reply, shop[0].Reply);
        Assert.NotEqual(baseFirst[0].Reply, shop[0].Reply);
        Assert.EndsWith("+adapter", shop[0].ModelId, StringComparison.Ordinal);
    }

    [Fact]
    public void Beams_with_a_temperature_are_refused()
    {
        Assert.Throws<GenerationException>(() => new LocalCausalLmGenerator(new LocalGeneratorOptions { ModelDirectory = Model, Beams = 2, Temperature = 0.5 }));
    }

    private static GenerationRequest Request(string? source) => new()
    {
        Question = "How many singers?",
        Dialect = SqlDialectKind.Sqlite,
        SchemaDdl = "CREATE TABLE singer (id INT);",
        SourceName = source,
    };
}
