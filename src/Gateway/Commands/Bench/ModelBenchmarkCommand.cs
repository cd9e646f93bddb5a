using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Commands.Model;
using Gateway.Model;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway bench model</c>: prefill and decode tokens/s of a local model (or a random model of Qwen2-0.5B's shape),
/// its share of the matmul roofline measured in the same run, and the peak resident memory.
/// </summary>
internal sealed class ModelBenchmarkCommand : IGatewayCommand
{
    private readonly Option<DirectoryInfo?> _model = new("--model") { Description = "The model folder to measure." };
    private readonly Option<bool> _randomQwen = new("--random-qwen2-0.5b") { Description = "Measure a random model of Qwen2-0.5B's shape built in memory instead." };
    private readonly Option<int> _prompt = new("--prompt-tokens") { Description = "Prompt length for prefill.", DefaultValueFactory = _ => 128 };
    private readonly Option<int> _newTokens = new("--new-tokens") { Description = "Tokens decoded one at a time.", DefaultValueFactory = _ => 32 };
    private readonly Option<int> _rounds = new("--rounds") { Description = "Rounds per figure (the best is kept).", DefaultValueFactory = _ => 3 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };
    private readonly ThreadsOption _threads = new();
    private readonly DeviceOption _device = new();

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("model", "Model prefill and decode tokens/s, share of the matmul roofline and peak memory.")
        {
            _model, _randomQwen, _prompt, _newTokens, _rounds, _json, _threads.Option, _device.Option,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var modelDir = parse.GetValue(_model);
        if ((modelDir is null) == !parse.GetValue(_randomQwen))
        {
            await error.WriteLineAsync("error: give exactly one of --model and --random-qwen2-0.5b.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (!_threads.Apply(parse) || parse.GetValue(_prompt) < 1 || parse.GetValue(_newTokens) < 1 || parse.GetValue(_rounds) < 1)
        {
            await error.WriteLineAsync("error: --threads, --prompt-tokens, --new-tokens and --rounds must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // The random 0.5B model is built in place on the CPU; --device applies to a loaded --model.
        if (_device.Resolve(parse, out var deviceExit) is not { } device)
        {
            return deviceExit;
        }

        try
        {
            using var model = modelDir is null
                ? CausalLm.Create(ModelBenchmark.Qwen2HalfBillion())
                : await CausalLm.LoadAsync(modelDir.FullName, device, cancellationToken: cancellationToken).ConfigureAwait(false);
            var result = ModelBenchmark.Run(model, parse.GetValue(_prompt), parse.GetValue(_newTokens), parse.GetValue(_rounds), cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(_json) ? Json(result) : Text(result)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ModelFormatException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
    }

    private static string Json(ModelBenchmarkResult r) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["prefill_tokens_per_s"] = r.PrefillTokensPerSecond,
        ["decode_tokens_per_s"] = r.DecodeTokensPerSecond,
        ["roofline_share"] = r.RooflineShare,
        ["decode_roofline_share"] = r.DecodeRooflineShare,
        ["matmul_gflops"] = r.MatmulGflops,
        ["parameters"] = r.Parameters,
        ["prompt_tokens"] = r.PromptTokens,
        ["new_tokens"] = r.NewTokens,
        ["threads"] = TorchSharp.torch.get_num_threads(),
        ["peak_rss_mb"] = r.PeakRssMb,
    });

    private static string Text(ModelBenchmarkResult r) => string.Create(CultureInfo.InvariantCulture,
        $"""
        model: {r.Parameters:N0} parameters, {TorchSharp.torch.get_num_threads()} threads
        prefill ({r.PromptTokens} tokens): {r.PrefillTokensPerSecond:0.0} tokens/s = {r.RooflineShare:P1} of the matmul roofline ({r.MatmulGflops:0.0} GFLOP/s, 1024x1024 fp32)
        decode ({r.NewTokens} tokens):  {r.DecodeTokensPerSecond:0.0} tokens/s = {r.DecodeRooflineShare:P1} of the roofline
        peak RSS: {r.PeakRssMb:0} MB
        """);
}
