using Gateway.Model;
using Gateway.Model.Config;
using Gateway.Model.Tokenization;

namespace Gateway.Api.Tests.Models;

/// <summary>
/// A random tiny Qwen2 model folder written once per test class (config.json, model.safetensors and the byte-level
/// tokenizer.json, whose ChatML tokens select the ChatML format), as <c>gateway model init</c> writes one.
/// </summary>
public sealed class TinyChatModel : IDisposable
{
    public const string Name = "tiny-chat";

    public TinyChatModel()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("gateway-tiny-model-").FullName;
        var config = new ModelConfig
        {
            ModelType = "qwen2",
            VocabSize = ByteLevelTokenizerJson.VocabSize,
            HiddenSize = 32,
            IntermediateSize = 48,
            NumHiddenLayers = 2,
            NumAttentionHeads = 4,
            NumKeyValueHeads = 2,
            MaxPositionEmbeddings = 512,
            TorchDType = "float32",
            EosTokenIds = [ByteLevelTokenizerJson.EndOfText],
        };
        using (var model = CausalLm.Create(config, seed: 3, std: 0.2))
        {
            model.Save(Directory);
        }

        File.WriteAllText(Path.Combine(Directory, HfTokenizer.FileName), ByteLevelTokenizerJson.Build());
    }

    public string Directory { get; }

    public GatewayApiOptions Serve(GatewayApiOptions options) =>
        options with { Models = new Dictionary<string, Api.Models.LocalModelOptions> { [Name] = new() { Path = Directory, MaxTokens = 64 } } };

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind must not fail the test.
        }
    }
}
