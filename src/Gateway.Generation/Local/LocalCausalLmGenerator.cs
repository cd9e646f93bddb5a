using Gateway.Generation.Prompting;
using Gateway.Model;
using Gateway.Model.Generation;
using Gateway.Model.Tokenization;

namespace Gateway.Generation.Local;

/// <summary>
/// <see cref="ISqlGenerator"/> over the local model runtime (<see cref="CausalLm"/>, <see cref="HfTokenizer"/>): the same
/// template as training, greedy, beam or sampled decoding up to the end-of-sequence id, the reply parsed like any
/// other. One copy of the base model serves every source: a source's adapter is loaded beside it on first use
/// (<see cref="CausalLm.LoadNamedAdapter"/>) and selected for that source's questions. The model runs one generation
/// at a time, so calls wait their turn.
/// </summary>
public sealed class LocalCausalLmGenerator : ISqlGenerator, IDisposable
{
    private readonly LocalGeneratorOptions _options;
    private readonly TextToSqlPrompt _prompt;
    private readonly HfTokenizer _tokenizer;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LoadedModel? _loaded;

    public LocalCausalLmGenerator(LocalGeneratorOptions options, TextToSqlPrompt? prompt = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.Beams < 1)
        {
            throw new GenerationException($"Beams must be at least 1, got {options.Beams}.");
        }

        if (options.Beams > 1 && options.Temperature > 0)
        {
            throw new GenerationException("Beam search decodes greedily: give beams above 1 or a temperature above 0, not both.");
        }

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
        var modelId = adapter is null ? ModelId : $"{ModelId}+{new DirectoryInfo(adapter).Name}";
        var prompt = _tokenizer.Encode(_prompt.Compose(request));
        if (prompt.Count > _options.MaxPromptTokens)
        {
            prompt = [.. prompt.Skip(prompt.Count - _options.MaxPromptTokens)];
        }

        var wanted = Math.Max(1, request.Candidates);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<GenerationResult> results;
        int end;
        try
        {
            var loaded = await LoadedAsync(cancellationToken).ConfigureAwait(false);
            loaded.Select(adapter);
            end = loaded.EndOfSequenceId;
            var generation = new GenerationOptions
            {
                MaxNewTokens = _options.MaxNewTokens,
                Temperature = _options.Temperature,
                NumBeams = _options.Beams,
                StopTokenIds = [end],
                PadTokenId = end,
            };

            // Decoding is CPU-bound and synchronous; it runs off the caller's thread so a server stays responsive.
            results = await Task.Run(
                () => _options.Beams > 1 ? [.. loaded.Model.GenerateBeams([prompt], generation, cancellationToken)[0].Take(wanted)]
                    : loaded.Model.Generate([.. Enumerable.Repeat(prompt, _options.Temperature > 0 ? wanted : 1)], generation, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        return [.. results.Select(r => SqlReplyParser.Parse(
            _tokenizer.Decode(r.Tokens.Where(id => id != end), skipSpecialTokens: true), modelId))];
    }

    public void Dispose()
    {
        _loaded?.Model.Dispose();
        _gate.Dispose();
    }

    // Called under the gate. A failed load is not kept: the next question tries again (the files may have been fixed).
    private async Task<LoadedModel> LoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded is not null)
        {
            return _loaded;
        }

        try
        {
            var model = await CausalLm.LoadAsync(_options.ModelDirectory, cancellationToken: cancellationToken).ConfigureAwait(false);
            var end = model.Config.EosTokenIds is [var first, ..]
                ? first
                : _tokenizer.TokenToId("<|endoftext|>") ?? _tokenizer.TokenToId("<|im_end|>");
            if (end is null)
            {
                model.Dispose();
                throw new GenerationException($"The model in {_options.ModelDirectory} has no eos_token_id and its tokenizer no <|endoftext|> token.");
            }

            _loaded = new LoadedModel(model, end.Value, _options.ModelDirectory);
            return _loaded;
        }
        catch (Exception ex) when (ex is ModelFormatException or IOException)
        {
            throw new GenerationException($"The model in {_options.ModelDirectory} could not be loaded: {ex.Message}", ex);
        }
    }

    private sealed class LoadedModel(CausalLm model, int endOfSequenceId, string modelDirectory)
    {
        public CausalLm Model { get; } = model;

        public int EndOfSequenceId { get; } = endOfSequenceId;

        /// <summary>Selects the adapter in <paramref name="adapter"/> (null: none), loading it beside the base on first use.</summary>
        public void Select(string? adapter)
        {
            if (adapter is not null && !Model.NamedAdapters.ContainsKey(adapter))
            {
                try
                {
                    Model.LoadNamedAdapter(adapter, adapter);
                }
                catch (Exception ex) when (ex is ModelFormatException or IOException)
                {
                    throw new GenerationException($"The model in {modelDirectory} with adapter {adapter} could not be loaded: {ex.Message}", ex);
                }
            }

            Model.SelectAdapter(adapter);
        }
    }
}
