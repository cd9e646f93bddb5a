using Gateway.Generation.Prompting;

namespace Gateway.Generation.OpenAi;

/// <summary>
/// <see cref="ISqlGenerator"/> over an OpenAI-compatible endpoint: the request becomes the text-to-SQL prompt (one
/// user message), each returned choice is parsed by <see cref="SqlReplyParser"/>.
/// </summary>
public sealed class OpenAiCompatibleGenerator : ISqlGenerator
{
    private readonly OpenAiEndpoint _endpoint;
    private readonly TextToSqlPrompt _prompt;

    public OpenAiCompatibleGenerator(OpenAiGeneratorOptions options, TextToSqlPrompt? prompt = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoint = new OpenAiEndpoint(options);
        _prompt = prompt ?? TextToSqlPrompt.Default;
        ModelId = $"openai:{options.Model}";
    }

    public string ModelId { get; }

    public async Task<IReadOnlyList<SqlCandidate>> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prompt = _prompt.Compose(request);
        var replies = await _endpoint.CompleteAsync([new ChatTurn(ChatRole.User, prompt)], Math.Max(1, request.Candidates), cancellationToken).ConfigureAwait(false);
        return [.. replies.Select(reply => SqlReplyParser.Parse(reply, ModelId))];
    }
}
