using System.Collections;
using System.Text.Json;
using Gateway.Model.Prompting.Jinja;

namespace Gateway.Model.Prompting;

/// <summary>One message of a conversation as chat templates see it (<c>message['role']</c>, <c>message['content']</c>).</summary>
public sealed record ChatTurn(string Role, string Content);

/// <summary>
/// A Hugging Face chat template (the Jinja <c>chat_template</c> of <c>tokenizer_config.json</c>) rendered as HF's
/// <c>apply_chat_template</c> does: variables <c>messages</c>, <c>add_generation_prompt</c>, <c>bos_token</c>,
/// <c>eos_token</c>, and the globals <c>raise_exception</c>, <c>namespace</c> and <c>range</c>. No maintained Jinja
/// engine is on the package mirror, so this interprets the subset real templates (Qwen2, Llama 3) use; a construct
/// outside it is reported with its name and line when the template is parsed, not silently skipped.
/// </summary>
public sealed class ChatTemplate
{
    public const string ConfigFileName = "tokenizer_config.json";

    private readonly IReadOnlyList<JinjaNode> _nodes;

    private ChatTemplate(string source, IReadOnlyList<JinjaNode> nodes, string? bosToken, string? eosToken)
    {
        Source = source;
        _nodes = nodes;
        BosToken = bosToken;
        EosToken = eosToken;
    }

    public string Source { get; }

    public string? BosToken { get; }

    public string? EosToken { get; }

    /// <summary>Parses <paramref name="source"/>; throws <see cref="ChatTemplateException"/> naming what is unsupported or malformed.</summary>
    public static ChatTemplate Parse(string source, string? bosToken = null, string? eosToken = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new ChatTemplate(source, JinjaParser.Parse(source), bosToken, eosToken);
    }

    /// <summary>
    /// The template of <c>tokenizer_config.json</c> in <paramref name="modelDirectory"/>, or null when the folder
    /// has no such file or it has no <c>chat_template</c>. A list of named templates gives the one named "default".
    /// </summary>
    public static ChatTemplate? Load(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, ConfigFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (!root.TryGetProperty("chat_template", out var template) || template.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            var source = template.ValueKind switch
            {
                JsonValueKind.String => template.GetString()!,
                JsonValueKind.Array => template.EnumerateArray()
                    .Where(t => t.GetProperty("name").GetString() == "default")
                    .Select(t => t.GetProperty("template").GetString())
                    .FirstOrDefault() ?? throw new ChatTemplateException($"{path}: chat_template lists no template named 'default'"),
                _ => throw new ChatTemplateException($"{path}: chat_template must be a string or a list of named templates"),
            };
            return Parse(source, TokenText(root, "bos_token"), TokenText(root, "eos_token"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ChatTemplateException($"{path}: {e.Message}", e);
        }
        catch (ChatTemplateException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new ChatTemplateException($"{path}: chat_template: {e.Message}", e);
        }
    }

    /// <summary>
    /// The prompt for <paramref name="messages"/>; with <paramref name="addGenerationPrompt"/> it ends where the
    /// assistant's reply begins. <paramref name="variables"/> adds or overrides template variables (e.g. <c>tools</c>);
    /// values may be strings, numbers, booleans, null, lists and string-keyed dictionaries.
    /// </summary>
    public string Render(IReadOnlyList<ChatTurn> messages, bool addGenerationPrompt = true, IReadOnlyDictionary<string, object?>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var globals = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["messages"] = messages.Select(m => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["role"] = m.Role, ["content"] = m.Content }).ToList(),
            ["add_generation_prompt"] = addGenerationPrompt,
            ["bos_token"] = BosToken ?? "",
            ["eos_token"] = EosToken ?? "",
            ["raise_exception"] = new JinjaFunction("raise_exception", (args, _) =>
                throw new ChatTemplateException($"the chat template refused the conversation: {(args.Count > 0 ? JinjaValues.ToText(args[0]) : "")}")),
            ["namespace"] = new JinjaFunction("namespace", (_, kwargs) =>
            {
                var ns = new JinjaNamespace();
                foreach (var (key, value) in kwargs)
                {
                    ns[key] = value;
                }

                return ns;
            }),
            ["range"] = new JinjaFunction("range", (args, _) => Range(args)),
        };
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            globals[name] = Normalise(value);
        }

        var scope = new JinjaScope(globals);
        JinjaNode.RenderAll(_nodes, scope);
        return scope.Output.ToString();
    }

    private static string? TokenText(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var token) ? null
        : token.ValueKind == JsonValueKind.String ? token.GetString()
        : token.ValueKind == JsonValueKind.Object && token.TryGetProperty("content", out var content) ? content.GetString()
        : null;

    private static List<object?> Range(IReadOnlyList<object?> args)
    {
        var (start, stop, step) = args.Count switch
        {
            1 => (0L, JinjaValues.ToLong(args[0]), 1L),
            2 => (JinjaValues.ToLong(args[0]), JinjaValues.ToLong(args[1]), 1L),
            3 => (JinjaValues.ToLong(args[0]), JinjaValues.ToLong(args[1]), JinjaValues.ToLong(args[2])),
            _ => throw new ChatTemplateException("range takes one to three arguments"),
        };
        if (step == 0)
        {
            throw new ChatTemplateException("range step cannot be zero");
        }

        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            result.Add(i);
        }

        return result;
    }

    // Caller values in the template's own types: long, double, string, bool, null, lists and dictionaries.
    private static object? Normalise(object? value) => value switch
    {
        null or string or bool or long or double => value,
        int i => (long)i,
        float f => (double)f,
        decimal m => (double)m,
        IReadOnlyDictionary<string, object?> d => d.ToDictionary(p => p.Key, p => Normalise(p.Value), StringComparer.Ordinal),
        IDictionary<string, object?> d => d.ToDictionary(p => p.Key, p => Normalise(p.Value), StringComparer.Ordinal),
        IEnumerable items => items.Cast<object?>().Select(Normalise).ToList(),
        _ => throw new ArgumentException($"a template variable cannot be a {value.GetType().Name}", nameof(value)),
    };
}
