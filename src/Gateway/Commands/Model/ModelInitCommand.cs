using System.CommandLine;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Model;
using Gateway.Model.Config;
using Gateway.Model.Tokenization;

namespace Gateway.Commands.Model;

/// <summary>
/// <c>gateway model init</c>: a randomly initialised model folder (config.json, model.safetensors, tokenizer.json)
/// to train from scratch or to test with. Without <c>--tokenizer</c> it writes a byte-level tokenizer with no merges
/// (one token per byte plus three special tokens, see <see cref="ByteLevelTokenizerJson"/>); with
/// <c>--tokenizer-corpus</c> it learns byte-level BPE merges from a text file up to <c>--vocab-size</c> ids
/// (<see cref="BpeTrainer"/>).
/// </summary>
internal sealed class ModelInitCommand : IGatewayCommand
{
    private readonly Option<FileInfo> _config = new("--config") { Description = "A Hugging Face config.json (Qwen2 or Llama).", Required = true };
    private readonly Option<DirectoryInfo> _out = new("--out") { Description = "Folder to write the model to.", Required = true };
    private readonly Option<FileInfo?> _tokenizer = new("--tokenizer") { Description = "A tokenizer.json to copy (default: a byte-level tokenizer, 259 ids)." };
    private readonly Option<FileInfo?> _corpus = new("--tokenizer-corpus") { Description = "A UTF-8 text file to learn a byte-level BPE tokenizer from (instead of --tokenizer)." };
    private readonly Option<int?> _vocabSize = new("--vocab-size") { Description = "Ids in the learnt tokenizer (with --tokenizer-corpus; at least 259; default the config's vocab_size)." };
    private readonly Option<long> _seed = new("--seed") { Description = "Seed of the random weights.", DefaultValueFactory = _ => 0 };
    private readonly ThreadsOption _threads = new();

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("init", "Write a randomly initialised model: config, safetensors weights and tokenizer.")
        {
            _config, _out, _tokenizer, _corpus, _vocabSize, _seed, _threads.Option,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        if (!_threads.Apply(parse))
        {
            await error.WriteLineAsync("error: --threads must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var outDir = parse.GetValue(_out)!.FullName;
        var tokenizerFile = parse.GetValue(_tokenizer);
        var corpus = parse.GetValue(_corpus);
        var vocabSize = parse.GetValue(_vocabSize);
        if (tokenizerFile is not null && corpus is not null)
        {
            await error.WriteLineAsync("error: give --tokenizer or --tokenizer-corpus, not both.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (vocabSize is not null && (corpus is null || vocabSize < BpeTrainer.MinimumVocabSize))
        {
            await error.WriteLineAsync($"error: --vocab-size goes with --tokenizer-corpus and must be at least {BpeTrainer.MinimumVocabSize}.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            var configFile = parse.GetValue(_config)!.FullName;
            var config = File.Exists(configFile)
                ? ModelConfig.Parse(await File.ReadAllTextAsync(configFile, cancellationToken).ConfigureAwait(false), configFile)
                : throw new ModelFormatException($"config not found: {configFile}");
            string tokenizerJson;
            if (corpus is not null)
            {
                if (!corpus.Exists)
                {
                    throw new FileNotFoundException($"tokenizer corpus not found: {corpus.FullName}");
                }

                var text = await File.ReadAllTextAsync(corpus.FullName, cancellationToken).ConfigureAwait(false);
                var learnt = BpeTrainer.Train([text], vocabSize ?? config.VocabSize, cancellationToken);
                tokenizerJson = learnt.TokenizerJson;
                await parse.InvocationConfiguration.Output.WriteLineAsync(
                    $"learnt {learnt.Merges:N0} merges from {corpus.Name}: vocabulary {learnt.VocabSize:N0}").ConfigureAwait(false);
            }
            else
            {
                tokenizerJson = tokenizerFile is null
                    ? ByteLevelTokenizerJson.Build()
                    : await File.ReadAllTextAsync(tokenizerFile.FullName, cancellationToken).ConfigureAwait(false);
            }

            var tokenizer = HfTokenizer.FromJson(tokenizerJson, tokenizerFile?.FullName ?? HfTokenizer.FileName);
            if (tokenizer.VocabSize > config.VocabSize)
            {
                await error.WriteLineAsync($"error: the tokenizer has {tokenizer.VocabSize} ids but vocab_size is {config.VocabSize}.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            if (tokenizerFile is null && config.EosTokenIds is null)
            {
                config = config with { EosTokenIds = [ByteLevelTokenizerJson.EndOfText] };
            }

            using var model = CausalLm.Create(config, parse.GetValue(_seed));
            model.Save(outDir);
            await File.WriteAllTextAsync(Path.Combine(outDir, HfTokenizer.FileName), tokenizerJson, cancellationToken).ConfigureAwait(false);
            var parameters = model.TrainableParameters().Sum(p => p.numel());
            await parse.InvocationConfiguration.Output.WriteLineAsync($"wrote {outDir}: {parameters:N0} parameters, vocabulary {tokenizer.VocabSize}").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is ModelFormatException or JsonException or FileNotFoundException)
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
}
