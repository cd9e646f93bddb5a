using Gateway.Cli;

namespace Gateway.Tests.Commands;

/// <summary>A temp folder holding a tiny random model made through <c>gateway model init</c>, and rows to train on.</summary>
internal sealed class TinyModelFolder : IDisposable
{
    public const string Config = """
        {"model_type": "qwen2", "vocab_size": 259, "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 2,
         "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 256, "torch_dtype": "float32"}
        """;

    public TinyModelFolder()
    {
        Root = Directory.CreateTempSubdirectory("gateway-model-").FullName;
        File.WriteAllText(Path("config.json"), Config);
        File.WriteAllText(Path("template.txt"), "{dialect}{ddl}Q:{question}\nA:");
        File.WriteAllLines(Path("rows.jsonl"), Enumerable.Range(0, 8).Select(i => $$"""{"question": "table {{i}}?", "query": "SELECT a FROM t{{i}}", "db_id": "db"}"""));
    }

    public string Root { get; }

    public string Model => Path("model");

    public string Path(string name) => System.IO.Path.Combine(Root, name);

    public async Task InitAsync()
    {
        var (code, _, error) = await CliRunner.RunAsync("model", "init", "--config", Path("config.json"), "--out", Model, "--seed", "3", "--threads", "1");
        Assert.True(code == ExitCodes.Success, error);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
