using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class ModelCommandTests : IDisposable
{
    private readonly TinyModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Init_writes_config_weights_and_a_byte_level_tokenizer()
    {
        await _folder.InitAsync();

        Assert.True(File.Exists(Path.Combine(_folder.Model, "config.json")));
        Assert.True(File.Exists(Path.Combine(_folder.Model, "model.safetensors")));
        Assert.True(File.Exists(Path.Combine(_folder.Model, "tokenizer.json")));
    }

    [Fact]
    public async Task Init_learns_a_tokenizer_from_a_corpus_that_round_trips_text()
    {
        File.WriteAllText(_folder.Path("corpus.txt"), string.Concat(Enumerable.Repeat("SELECT name FROM singer WHERE age > 30;\nWie alt ist der Sänger? 歌手\n", 20)));
        File.WriteAllText(_folder.Path("config.json"), TinyModelFolder.Config.Replace("\"vocab_size\": 259", "\"vocab_size\": 300", StringComparison.Ordinal));

        var (code, output, error) = await CliRunner.RunAsync(
            "model", "init", "--config", _folder.Path("config.json"), "--out", _folder.Model, "--tokenizer-corpus", _folder.Path("corpus.txt"),
            "--vocab-size", "300", "--threads", "1");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("vocabulary 300", output, StringComparison.Ordinal);
        var tokenizer = Gateway.Model.Tokenization.HfTokenizer.Load(_folder.Model);
        const string text = "SELECT name FROM singer — Sänger 歌手 🎤";
        var ids = tokenizer.Encode(text);
        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.True(ids.Count < System.Text.Encoding.UTF8.GetByteCount(text));
    }

    [Fact]
    public async Task Init_rejects_a_vocab_size_without_a_corpus()
    {
        var (code, _, error) = await CliRunner.RunAsync("model", "init", "--config", _folder.Path("config.json"), "--out", _folder.Model, "--vocab-size", "300");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--tokenizer-corpus", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_json_prints_only_the_new_ids_and_their_text_and_repeats()
    {
        await _folder.InitAsync();
        string[] args = ["model", "generate", "--model", _folder.Model, "--prompt", "SELECT", "--max-new-tokens", "6", "--json", "--threads", "1"];

        var (code, output, error) = await CliRunner.RunAsync(args);
        var (_, again, _) = await CliRunner.RunAsync(args);

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var ids = json.RootElement.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32()).ToList();
        Assert.InRange(ids.Count, 1, 6);
        Assert.All(ids, id => Assert.InRange(id, 0, 258));
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("text").ValueKind);
        Assert.Equal(output, again);
    }

    [Fact]
    public async Task Generate_rejects_an_unknown_device_as_a_usage_error()
    {
        await _folder.InitAsync();

        var (code, _, error) = await CliRunner.RunAsync("model", "generate", "--model", _folder.Model, "--prompt", "SEL", "--device", "gpu");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--device must be auto, cpu or cuda, not 'gpu'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_on_cuda_in_a_cpu_only_build_fails_naming_the_build_switch()
    {
        await _folder.InitAsync();

        var (code, _, error) = await CliRunner.RunAsync("model", "generate", "--model", _folder.Model, "--prompt", "SEL", "--device", "cuda");

        Assert.Equal(ExitCodes.Runtime, code);
        Assert.Contains("cuda requested but not available: build with -p:GatewayTorchBackend=cuda", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_on_the_cpu_device_equals_generate_on_auto_here()
    {
        await _folder.InitAsync();
        var (_, onAuto, _) = await CliRunner.RunAsync("model", "generate", "--model", _folder.Model, "--ids", "83,69,76", "--max-new-tokens", "4", "--json", "--threads", "1");
        var (code, onCpu, error) = await CliRunner.RunAsync(
            "model", "generate", "--model", _folder.Model, "--ids", "83,69,76", "--max-new-tokens", "4", "--json", "--threads", "1", "--device", "cpu");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(onAuto, onCpu);
    }

    [Fact]
    public async Task Generate_from_ids_equals_generate_from_the_same_text()
    {
        await _folder.InitAsync();
        // "SEL" is bytes 83, 69, 76: the byte-level tokenizer gives one id per byte.
        var (_, fromText, _) = await CliRunner.RunAsync("model", "generate", "--model", _folder.Model, "--prompt", "SEL", "--max-new-tokens", "4", "--json", "--threads", "1");
        var (code, fromIds, error) = await CliRunner.RunAsync("model", "generate", "--model", _folder.Model, "--ids", "83,69,76", "--max-new-tokens", "4", "--json", "--threads", "1");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Equal(fromText, fromIds);
    }

    [Fact]
    public async Task Generate_with_beams_prints_the_best_beam_first_among_every_hypothesis()
    {
        await _folder.InitAsync();

        var (code, output, error) = await CliRunner.RunAsync(
            "model", "generate", "--model", _folder.Model, "--prompt", "SELECT", "--max-new-tokens", "4", "--beams", "3", "--json", "--threads", "1");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        var beams = json.RootElement.GetProperty("beams").EnumerateArray().ToList();
        Assert.InRange(beams.Count, 1, 3);
        Assert.Equal(json.RootElement.GetProperty("ids").ToString(), beams[0].GetProperty("ids").ToString());
        var scores = beams.Select(b => b.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
    }

    [Fact]
    public async Task Generate_rejects_beams_with_a_temperature()
    {
        await _folder.InitAsync();

        var (code, _, error) = await CliRunner.RunAsync("model", "generate", "--model", _folder.Model, "--prompt", "a", "--beams", "2", "--temperature", "0.7");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--beams", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_needs_exactly_one_of_prompt_and_ids()
    {
        await _folder.InitAsync();

        var (code, _, error) = await CliRunner.RunAsync("model", "generate", "--model", _folder.Model, "--prompt", "a", "--ids", "1");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("exactly one", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_model_json_has_the_throughput_roofline_and_memory_keys()
    {
        await _folder.InitAsync();

        var (code, output, error) = await CliRunner.RunAsync(
            "bench", "model", "--model", _folder.Model, "--prompt-tokens", "16", "--new-tokens", "4", "--rounds", "1", "--json", "--threads", "1");

        Assert.True(code == ExitCodes.Success, error);
        using var json = JsonDocument.Parse(output);
        foreach (var key in new[] { "prefill_tokens_per_s", "decode_tokens_per_s", "roofline_share", "peak_rss_mb" })
        {
            Assert.True(json.RootElement.GetProperty(key).GetDouble() > 0, key);
        }
    }
}
