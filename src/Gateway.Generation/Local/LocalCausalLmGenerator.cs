using System.Collections.Concurrent;
using Gateway.Generation.Prompting;
using Gateway.Model;
using Gateway.Model.Generation;
using Gateway.Model.Tokenization;

namespace Gateway.Generation.Local;

/// <summary>
/// <see cref="ISqlGenerator"/> over the local model runtime (<see cref="CausalLm"/>, <see cref="HfTokenizer"/>): the same
/// template as training, greedy (or sampled) decoding up to the end-of-sequence id, the reply parsed like any other.
/// A source with an adapter gets its own copy of the model with that adapter attached, loaded on first use. A model
/// runs one generation at a time, so calls on the same copy wait their turn.
/// </summary>
public sealed class LocalCausalLmGenerator : ISqlGenerator, IDisposable
{
    private const string BaseKey = "";

    private readonly LocalGeneratorOptions _options;
    private readonly TextToSqlPrompt _prompt;
    private readonly HfTokenizer _tokenizer;
    private readonly ConcurrentDictionary<string, Lazy<Task<LoadedModel>>> _models = new(StringComparer.OrdinalIgnoreCase);

    public LocalCausalLmGenerator(LocalGeneratorOptions options, TextToSqlPrompt? prompt = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (!Directory.Exists(options.ModelDirectory))
        {
            throw new GenerationException($"The model folder {options.ModelDirectory} does not exist.");
        }

        _prompt = prompt ?? TextToSqlPrompt.Default;
        try
        {
            _tokenizer = HfTokenizer.Load(options.ModelDirectory);
        }
        catch (ModelFormatException ex)
        {
            throw new GenerationException(ex.Message, ex);
        }

        ModelId = $"local:{new DirectoryInfo(options.ModelDirectory).Name}";
    }

    public string ModelId { get; }

    public async Task<IReadOnlyList<SqlCandidate>> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var adapter = request.SourceName is { } source && _options.Adapters.TryGetValue(source, out var folder) ? folder : null;
        var loaded = await ModelFor(adapter).ConfigureAwait(false);
        var modelId = adapter is null ? ModelId : $"{ModelId}+{new DirectoryInfo(adapter).Name}";
        var prompt = _tokenizer.Encode(_prompt.Compose(request));
        if (prompt.Count > _options.MaxPromptTokens)
        {
            prompt = [.. prompt.Skip(prompt.Count - _options.MaxPromptTokens)];
        }

        var count = _options.Temperature > 0 ? Math.Max(1, request.Candidates) : 1;
        var generation = new GenerationOptions
        {
            MaxNewTokens = _options.MaxNewTokens,
            Temperature = _options.Temperature,
            StopTokenIds = [loaded.EndOfSequenceId],
            PadTokenId = loaded.EndOfSequenceId,
        };

        await loaded.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<GenerationResult> results;
        try
        {
            // Decoding is CPU-bound and synchronous; it runs off the caller's thread so a server stays responsive.
            results = await Task.Run(() => loaded.Model.Generate([.. Enumerable.Repeat(prompt, count)], generation, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            loaded.Gate.Release();
        }

        return [.. results.Select(r => SqlReplyParser.Parse(
            _tokenizer.Decode(r.Tokens.Where(id => id != loaded.EndOfSequenceId), skipSpecialTokens: true), modelId))];
    }

    public void Dispose()
    {
        foreach (var lazy in _models.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                lazy.Value.Result.Dispose();
            }
        }
    }

    private async Task<LoadedModel> ModelFor(string? adapter)
    {
        var key = adapter ?? BaseKey;
        var lazy = _models.GetOrAdd(key, k => new Lazy<Task<LoadedModel>>(() => LoadAsync(k.Length == 0 ? null : k)));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch (GenerationException)
        {
            // A failed load is not kept: the next question tries again (the files may have been fixed meanwhile).
            _models.TryRemove(new KeyValuePair<string, Lazy<Task<LoadedModel>>>(key, lazy));
            throw;
        }
    }

    private async Task<LoadedModel> LoadAsync(string? adapter)
    {
        try
        {
            var model = await CausalLm.LoadAsync(_options.ModelDirectory, adapter).ConfigureAwait(false);
            var end = model.Config.EosTokenIds is [var first, ..]
                ? first
                : _tokenizer.TokenToId("<|endoftext|>") ?? _tokenizer.TokenToId("<|im_end|>")
                  ?? throw new GenerationException($"The model in {_options.ModelDirectory} has no eos_token_id and its tokenizer no <|endoftext|> token.");
            return new LoadedModel(model, end);
        }
        catch (Exception ex) when (ex is ModelFormatException or IOException)
        {
            throw new GenerationException($"The model in {_options.ModelDirectory}{(adapter is null ? "" : $" with adapter {adapter}")} could not be loaded: {ex.Message}", ex);
        }
    }

    private sealed class LoadedModel(CausalLm model, int endOfSequenceId) : IDisposable
    {
        public CausalLm Model { get; } = model;

        public int EndOfSequenceId { get; } = endOfSequenceId;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public void Dispose()
        {
            Model.Dispose();
            Gate.Dispose();
        }
    }
}
