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
}
