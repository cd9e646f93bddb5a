using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Model;
using Gateway.Model.Generation;
using Gateway.Model.Tokenization;

namespace Gateway.Commands.Model;

/// <summary>
/// <c>gateway model generate</c>: continues a prompt (text or token ids) and prints the continuation, or with
/// <c>--json</c> <c>{"ids": [...], "text": "..."}</c> with the generated ids only.
/// </summary>
internal sealed class ModelGenerateCommand : IGatewayCommand
{
    private readonly Option<DirectoryInfo> _model = new("--model") { Description = "The model folder.", Required = true };
    private readonly Option<DirectoryInfo?> _adapter = new("--adapter") { Description = "A LoRA adapter folder (PEFT layout)." };
    private readonly Option<string?> _prompt = new("--prompt") { Description = "Prompt text." };
    private readonly Option<string?> _ids = new("--ids") { Description = "Prompt token ids, comma-separated (instead of --prompt)." };
    private readonly Option<int> _maxNew = new("--max-new-tokens") { Description = "Most tokens to generate.", DefaultValueFactory = _ => 128 };
    private readonly Option<double> _temperature = new("--temperature") { Description = "0: greedy; above 0: sampling.", DefaultValueFactory = _ => 0 };
    private readonly Option<double> _topP = new("--top-p") { Description = "Nucleus sampling mass.", DefaultValueFactory = _ => 1.0 };
    private readonly Option<long> _seed = new("--seed") { Description = "Sampling seed.", DefaultValueFactory = _ => 0 };
    private readonly Option<int> _beams = new("--beams") { Description = "Beam width (greedy scores); above 1 runs beam search and prints the best beam.", DefaultValueFactory = _ => 1 };
    private readonly Option<double> _lengthPenalty = new("--length-penalty") { Description = "Beam ranking: log-probability / length^P.", DefaultValueFactory = _ => 1.0 };
    private readonly Option<bool> _json = new("--json") { Description = "Print {\"ids\": [...], \"text\": \"...\"} (generated ids only); with --beams also \"beams\": every hypothesis, best first." };
    private readonly ThreadsOption _threads = new();
    private readonly DeviceOption _device = new();

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("generate", "Continue a prompt with a local model.")
        {
            _model, _adapter, _prompt, _ids, _maxNew, _temperature, _topP, _seed, _beams, _lengthPenalty, _json, _threads.Option, _device.Option,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var prompt = parse.GetValue(_prompt);
        var idsText = parse.GetValue(_ids);
        if ((prompt is null) == (idsText is null))
        {
            await error.WriteLineAsync("error: give exactly one of --prompt and --ids.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (!_threads.Apply(parse) || parse.GetValue(_maxNew) < 1 || parse.GetValue(_topP) is <= 0 or > 1)
        {
            await error.WriteLineAsync("error: --threads and --max-new-tokens must be positive and --top-p in (0, 1].").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var beams = parse.GetValue(_beams);
        if (beams < 1 || (beams > 1 && parse.GetValue(_temperature) > 0) || !double.IsFinite(parse.GetValue(_lengthPenalty)))
        {
            await error.WriteLineAsync("error: --beams must be positive, and beam search takes no --temperature.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        List<int>? ids = null;
        if (idsText is not null && !TryParseIds(idsText, out ids))
        {
            await error.WriteLineAsync("error: --ids must be comma-separated non-negative integers.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (_device.Resolve(parse, out var deviceExit) is not { } device)
        {
            return deviceExit;
        }

        try
        {
            var modelDir = parse.GetValue(_model)!.FullName;
            using var model = await CausalLm.LoadAsync(modelDir, device, parse.GetValue(_adapter)?.FullName, cancellationToken).ConfigureAwait(false);
            var tokenizer = HfTokenizer.Load(modelDir);
            ids ??= tokenizer.Encode(prompt!).ToList();
            if (ids.Count == 0 || ids.Any(id => id >= model.Config.VocabSize))
            {
                await error.WriteLineAsync($"error: the prompt must be non-empty with ids below {model.Config.VocabSize}.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var options = new GenerationOptions
            {
                MaxNewTokens = parse.GetValue(_maxNew),
                Temperature = parse.GetValue(_temperature),
                TopP = parse.GetValue(_topP),
                Seed = parse.GetValue(_seed),
                StopTokenIds = model.Config.EosTokenIds ?? [],
                NumBeams = beams,
                LengthPenalty = parse.GetValue(_lengthPenalty),
            };
            var results = beams > 1 ? model.GenerateBeams([ids], options, cancellationToken)[0] : model.Generate([ids], options, cancellationToken);
            var result = results[0];
            var text = tokenizer.Decode(result.Tokens, skipSpecialTokens: true);
            var output = parse.InvocationConfiguration.Output;
            if (!parse.GetValue(_json))
            {
                await output.WriteLineAsync(text).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var json = new Dictionary<string, object> { ["ids"] = result.Tokens, ["text"] = text };
            if (beams > 1)
            {
                json["beams"] = results.Select(r => new Dictionary<string, object>
                {
                    ["ids"] = r.Tokens,
                    ["text"] = tokenizer.Decode(r.Tokens, skipSpecialTokens: true),
                    ["log_probability"] = r.LogProbability,
                    ["score"] = r.Score,
                }).ToList();
            }

            await output.WriteLineAsync(JsonSerializer.Serialize(json)).ConfigureAwait(false);
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

    private static bool TryParseIds(string text, out List<int> ids)
    {
        ids = [];
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return false;
            }

            ids.Add(id);
        }

        return ids.Count > 0;
    }
}
