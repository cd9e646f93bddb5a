namespace Gateway.Generation.OpenAi;

/// <summary><see cref="IChatModel"/> over an OpenAI-compatible endpoint.</summary>
public sealed class OpenAiChatModel : IChatModel
{
    private readonly OpenAiEndpoint _endpoint;

    public OpenAiChatModel(OpenAiGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoint = new OpenAiEndpoint(options);
        ModelId = $"openai:{options.Model}";
    }

    public string ModelId { get; }

    public async Task<string> CompleteAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var replies = await _endpoint.CompleteAsync(messages, 1, cancellationToken).ConfigureAwait(false);
        return replies[0].Trim();
    }

    /// <summary>The reply as the endpoint streams it, piece by piece (not trimmed: the pieces add up to the whole text).</summary>
    public IAsyncEnumerable<string> StreamAsync(IReadOnlyList<ChatTurn> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return _endpoint.StreamAsync(messages, cancellationToken);
    }
}
