using System.ClientModel;
using System.ClientModel.Primitives;
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
        catch (ClientResultException ex)
        {
            throw new GenerationException($"The model endpoint {_options.BaseUrl} answered {ex.Status}: {Brief(ex.Message)}", ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is ClientResultException or HttpRequestException))
        {
            // The retry policy gathers each try's failure; the last says what is wrong now.
            throw new GenerationException($"The model endpoint {_options.BaseUrl} could not be reached: {ex.InnerExceptions[^1].Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new GenerationException($"The model endpoint {_options.BaseUrl} could not be reached: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GenerationException($"The model endpoint {_options.BaseUrl} did not answer within {_options.Timeout.TotalSeconds:0} s.", ex);
        }

        return ReadChoices(result.GetRawResponse().Content);
    }

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

            return texts.Count > 0 ? texts : throw new GenerationException($"The model endpoint {_options.BaseUrl} returned no message.");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new GenerationException($"The model endpoint {_options.BaseUrl} returned a reply that is not a chat completion.", ex);
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
