using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;

namespace Gateway.Generation.OpenAi;

/// <summary>
/// One OpenAI-compatible chat-completions endpoint, called through the official SDK's <see cref="ChatClient"/>. The
/// SDK's protocol method is used so one request can ask for several choices (<c>n</c>) and read them all.
/// </summary>
internal sealed class OpenAiEndpoint
{
    private readonly OpenAiGeneratorOptions _options;
    private readonly ApiKeyCredential _credential;
    private readonly ChatClient _client;

    public OpenAiEndpoint(OpenAiGeneratorOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        // Servers without keys (Ollama, vLLM) ignore the header; the SDK insists on some value.
        _credential = new ApiKeyCredential("none");
        _client = new ChatClient(options.Model, _credential, new OpenAIClientOptions
        {
            Endpoint = options.BaseUrl,
            NetworkTimeout = options.Timeout,
            // One retry for a dropped connection; a failing endpoint is reported, not hammered.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
        });
    }

    public string Model => _options.Model;

    /// <summary>The text of each choice the endpoint returned (one unless <paramref name="choices"/> &gt; 1 and allowed).</summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(IReadOnlyList<ChatTurn> messages, int choices, CancellationToken cancellationToken)
    {
        _credential.Update(_options.ApiKey.Read() ?? "none");
        var body = new JsonObject
        {
            ["model"] = _options.Model,
            ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)new JsonObject { ["role"] = RoleName(m.Role), ["content"] = m.Content })]),
            ["temperature"] = _options.Temperature,
            ["max_tokens"] = _options.MaxTokens,
        };
        if (choices > 1 && _options.AllowSeveralChoices)
        {
            body["n"] = choices;
        }

        ClientResult result;
        try
        {
            using var content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
            result = await _client.CompleteChatAsync(content, new RequestOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
        }
        catch (Exception ex) when (Failure(ex, cancellationToken) is { } failure)
        {
            throw failure;
        }

        return ReadChoices(result.GetRawResponse().Content);
    }

    /// <summary>
    /// The text of one reply as the endpoint streams it (<c>stream: true</c>), piece by piece. Failures surface as the
    /// same typed <see cref="GenerationException"/>s as <see cref="CompleteAsync"/>'s, when the stream starts or breaks.
    /// </summary>
    public async IAsyncEnumerable<string> StreamAsync(IReadOnlyList<ChatTurn> messages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _credential.Update(_options.ApiKey.Read() ?? "none");
        var options = new ChatCompletionOptions { Temperature = (float)_options.Temperature, MaxOutputTokenCount = _options.MaxTokens };
        var updates = _client.CompleteChatStreamingAsync([.. messages.Select(ToSdkMessage)], options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates.ConfigureAwait(false))
        {
            while (true)
            {
                // A yield cannot sit inside a try with a catch; the move is what fails, so only it is guarded.
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (Failure(ex, cancellationToken) is { } failure)
                {
                    throw failure;
                }

                foreach (var part in updates.Current.ContentUpdate)
                {
                    if (!string.IsNullOrEmpty(part.Text))
                    {
                        yield return part.Text;
                    }
                }
            }
        }
    }

    /// <summary>The typed failure an SDK or transport exception stands for; null for the caller's own cancellation.</summary>
    private GenerationException? Failure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        ClientResultException result when result.Status == 0 =>
            new GenerationException($"The model endpoint {_options.BaseUrl} could not be reached: {Brief(result.Message)}", result) { Failure = GenerationFailure.Unreachable },
        ClientResultException result => Refusal(result),
        // The retry policy gathers each try's failure; the last says what is wrong now.
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => e is ClientResultException or HttpRequestException) =>
            Failure(aggregate.InnerExceptions[^1], cancellationToken),
        HttpRequestException http =>
            new GenerationException($"The model endpoint {_options.BaseUrl} could not be reached: {http.Message}", http) { Failure = GenerationFailure.Unreachable },
        OperationCanceledException when !cancellationToken.IsCancellationRequested =>
            new GenerationException($"The model endpoint {_options.BaseUrl} did not answer within {_options.Timeout.TotalSeconds:0} s.", ex) { Failure = GenerationFailure.Unreachable },
        JsonException or InvalidOperationException or KeyNotFoundException or FormatException =>
            new GenerationException($"The model endpoint {_options.BaseUrl} returned a reply that is not a chat completion.", ex) { Failure = GenerationFailure.InvalidReply },
        _ => null,
    };

    private GenerationException Refusal(ClientResultException ex)
    {
        var code = ErrorCode(ex);
        var (failure, what) = ex.Status switch
        {
            401 or 403 => (GenerationFailure.Unauthorized, "refused the API key"),
            404 when code == "model_not_found" => (GenerationFailure.ModelNotFound, $"does not serve the model '{_options.Model}'"),
            >= 500 => (GenerationFailure.EndpointFailed, "failed"),
            _ => (GenerationFailure.Rejected, "refused the request"),
        };
        return new GenerationException($"The model endpoint {_options.BaseUrl} {what} ({ex.Status}{(code is null ? "" : " " + code)}): {Brief(ex.Message)}", ex)
        {
            Failure = failure,
            Status = ex.Status,
        };
    }

    /// <summary><c>error.code</c> of an OpenAI error body, when the reply has one.</summary>
    private static string? ErrorCode(ClientResultException ex)
    {
        try
        {
            var body = ex.GetRawResponse()?.Content;
            if (body is null || body.ToMemory().IsEmpty)
            {
                return null;
            }

            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static OpenAI.Chat.ChatMessage ToSdkMessage(ChatTurn turn) => turn.Role switch
    {
        ChatRole.System => new SystemChatMessage(turn.Content),
        ChatRole.User => new UserChatMessage(turn.Content),
        ChatRole.Assistant => new AssistantChatMessage(turn.Content),
        _ => throw new ArgumentOutOfRangeException(nameof(turn)),
    };

    private List<string> ReadChoices(BinaryData response)
    {
        try
        {
            using var document = JsonDocument.Parse(response);
            var texts = new List<string>();
            foreach (var choice in document.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (choice.TryGetProperty("message", out var message) && message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                {
                    texts.Add(content.GetString()!);
                }
            }

            return texts.Count > 0 ? texts : throw new GenerationException($"The model endpoint {_options.BaseUrl} returned no message.") { Failure = GenerationFailure.InvalidReply };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new GenerationException($"The model endpoint {_options.BaseUrl} returned a reply that is not a chat completion.", ex) { Failure = GenerationFailure.InvalidReply };
        }
    }

    private static string RoleName(ChatRole role) => role switch
    {
        ChatRole.System => "system",
        ChatRole.User => "user",
        ChatRole.Assistant => "assistant",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    // Error bodies can be long (HTML pages from proxies); the first line says enough.
    private static string Brief(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
