using System.Text;
using System.Text.Json;
using Gateway.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Models;

/// <summary>A chat completion request checked and reduced to what generation needs.</summary>
internal sealed record ChatCompletionSpec
{
    public required string Model { get; init; }
    public required IReadOnlyList<ChatMessage> Messages { get; init; }
    public int? MaxTokens { get; init; }

    /// <summary>Null or 0: greedy. The OpenAI default of 1 is not assumed: an absent temperature is deterministic.</summary>
    public double? Temperature { get; init; }

    public double TopP { get; init; } = 1.0;
    public long Seed { get; init; }
    public IReadOnlyList<string> Stop { get; init; } = [];
    public int N { get; init; } = 1;
    public bool Stream { get; init; }
    public bool IncludeUsage { get; init; }
}

/// <summary>
/// Checks a <see cref="ChatCompletionRequest"/> against what the local models implement. Anything that would change
/// the answer and is not implemented (tools, logprobs, penalties, JSON mode) is a 400 naming the parameter rather
/// than being ignored; members that only describe the caller (<c>user</c>, <c>metadata</c>, <c>store</c>) and
/// members sent with their neutral value (null, false, 0, empty) are accepted.
/// </summary>
internal static class ChatCompletionRequestReader
{
    public const int MaxChoices = 8;
    public const int MaxStopStrings = 4;

    private static readonly HashSet<string> Descriptive = new(StringComparer.Ordinal) { "user", "metadata", "store", "service_tier", "parallel_tool_calls" };

    public static ChatCompletionSpec Read(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RefuseUnsupported(request.Other, prefix: "");
        RefuseUnsupported(request.StreamOptions?.Other, prefix: "stream_options.");
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            throw Invalid("model", "The request needs a \"model\"; GET /v1/models lists them.");
        }

        if (request.Messages is not { Count: > 0 } messages)
        {
            throw Invalid("messages", "The request needs at least one message in \"messages\".");
        }

        if (request.MaxTokens is { } a && request.MaxCompletionTokens is { } b && a != b)
        {
            throw Invalid("max_tokens", "\"max_tokens\" and \"max_completion_tokens\" disagree; send one.");
        }

        var maxTokens = request.MaxCompletionTokens ?? request.MaxTokens;
        if (maxTokens is < 1)
        {
            throw Invalid("max_tokens", "\"max_tokens\" must be at least 1.");
        }

        if (request.Temperature is < 0 or > 2)
        {
            throw Invalid("temperature", "\"temperature\" must be between 0 and 2.");
        }

        if (request.TopP is <= 0 or > 1)
        {
            throw Invalid("top_p", "\"top_p\" must be greater than 0 and at most 1.");
        }

        if (request.N is < 1 or > MaxChoices)
        {
            throw Invalid("n", $"\"n\" must be between 1 and {MaxChoices}.");
        }

        return new ChatCompletionSpec
        {
            Model = request.Model,
            Messages = [.. messages.Select(Message)],
            MaxTokens = maxTokens,
            Temperature = request.Temperature,
            TopP = request.TopP ?? 1.0,
            Seed = request.Seed ?? 0,
            Stop = StopStrings(request.Stop),
            N = request.N ?? 1,
            Stream = request.Stream ?? false,
            IncludeUsage = request.StreamOptions?.IncludeUsage ?? false,
        };
    }

    private static ChatMessage Message(ChatCompletionMessage message, int index)
    {
        RefuseUnsupported(message.Other, prefix: $"messages[{index}].");
        var role = message.Role switch
        {
            ChatMessage.System or "developer" => ChatMessage.System,
            ChatMessage.User => ChatMessage.User,
            ChatMessage.Assistant => ChatMessage.Assistant,
            null => throw Invalid($"messages[{index}].role", $"messages[{index}] needs a \"role\"."),
            var other => throw Invalid($"messages[{index}].role", $"messages[{index}] has role '{other}'; the local models take system, developer, user and assistant messages."),
        };
        return new ChatMessage(role, Content(message.Content, index));
    }

    private static string Content(JsonElement? content, int index)
    {
        switch (content)
        {
            case { ValueKind: JsonValueKind.String } text:
                return text.GetString()!;
            case { ValueKind: JsonValueKind.Array } parts:
                var joined = new StringBuilder();
                foreach (var part in parts.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object
                        || !part.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "text"
                        || !part.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                    {
                        throw Invalid($"messages[{index}].content", $"messages[{index}].content: only text parts ({{\"type\":\"text\",\"text\":...}}) are supported.");
                    }

                    joined.Append(text.GetString());
                }

                return joined.ToString();
            default:
                throw Invalid($"messages[{index}].content", $"messages[{index}] needs \"content\": a string or an array of text parts.");
        }
    }

    private static IReadOnlyList<string> StopStrings(JsonElement? stop)
    {
        switch (stop)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return [];
            case { ValueKind: JsonValueKind.String } one when one.GetString() is { Length: > 0 } text:
                return [text];
            case { ValueKind: JsonValueKind.Array } many when many.GetArrayLength() <= MaxStopStrings
                && many.EnumerateArray().All(s => s.ValueKind == JsonValueKind.String && s.GetString()!.Length > 0):
                return [.. many.EnumerateArray().Select(s => s.GetString()!)];
            default:
                throw Invalid("stop", $"\"stop\" must be a non-empty string or an array of up to {MaxStopStrings} non-empty strings.");
        }
    }

    private static void RefuseUnsupported(Dictionary<string, JsonElement>? members, string prefix)
    {
        foreach (var (name, value) in members ?? [])
        {
            if (prefix.Length == 0 && Descriptive.Contains(name) || IsNeutral(value))
            {
                continue;
            }

            throw Invalid(prefix + name, $"\"{prefix}{name}\" is not supported by the gateway's local models.");
        }
    }

    private static bool IsNeutral(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.False => true,
        JsonValueKind.Number => value.TryGetDouble(out var number) && number == 0,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => !value.EnumerateObject().Any()
            || (value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "text" && value.EnumerateObject().Count() == 1),
        JsonValueKind.String => value.GetString()!.Length == 0,
        _ => false,
    };

    public static ApiProblemException Invalid(string param, string message) =>
        new(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, message, new Dictionary<string, object?> { [OpenAiErrors.ParamExtension] = param });
}
