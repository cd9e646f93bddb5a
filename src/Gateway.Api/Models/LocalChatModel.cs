using Gateway.Model;
using Gateway.Model.Generation;
using Gateway.Model.Prompting;
using Gateway.Model.Tokenization;

namespace Gateway.Api.Models;

/// <summary>
/// A loaded local model with its tokenizer and chat format. <see cref="CausalLm"/> runs one generation at a time,
/// so requests queue here; a request's <c>n</c> choices run together as one batch.
/// </summary>
internal sealed class LocalChatModel : IDisposable
{
    private readonly CausalLm _model;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public LocalChatModel(string name, CausalLm model, HfTokenizer tokenizer, LocalModelOptions options, ChatTemplate? template = null)
    {
        Name = name;
        _model = model;
        Tokenizer = tokenizer;
        Format = ChatPromptFormat.For(tokenizer, template);
        DefaultMaxTokens = options.MaxTokens;
        var stops = new HashSet<int>(model.Config.EosTokenIds ?? []);
        foreach (var token in Format.EndOfTurnTokens.Append("<|endoftext|>"))
        {
            if (tokenizer.AddedTokens.TryGetValue(token, out var id))
            {
                stops.Add(id);
            }
        }

        StopTokenIds = [.. stops.Order()];
        PadTokenId = StopTokenIds.Count > 0 ? StopTokenIds[0] : 0;
    }

    public string Name { get; }

    public HfTokenizer Tokenizer { get; }

    public ChatPromptFormat Format { get; }

    /// <summary>The model's end-of-sequence ids and its format's end-of-turn tokens.</summary>
    public IReadOnlyList<int> StopTokenIds { get; }

    public int PadTokenId { get; }

    public int DefaultMaxTokens { get; }

    /// <summary>Prompt and completion together may not exceed this many tokens.</summary>
    public int ContextLength => _model.Config.MaxPositionEmbeddings;

    /// <summary>Runs <paramref name="choices"/> continuations of <paramref name="prompt"/> on a worker thread, after any generation in progress.</summary>
    public async Task<IReadOnlyList<GenerationResult>> GenerateAsync(
        IReadOnlyList<int> prompt, int choices, GenerationOptions options, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var prompts = Enumerable.Repeat(prompt, choices).ToList();
            // Generation is CPU-bound and synchronous; off the request thread so a stream can be written meanwhile.
            return await Task.Run(() => _model.Generate(prompts, options, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _model.Dispose();
        _gate.Dispose();
    }
}
