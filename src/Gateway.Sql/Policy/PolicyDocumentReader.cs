using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Gateway.Sql.Policy;

/// <summary>
/// Turns policy text (YAML or JSON) into documents. Unknown keys, duplicate keys and wrong types are errors, reported
/// as <see cref="PolicyException"/> naming the source and, where the parser knows it, the line.
/// </summary>
internal static partial class PolicyDocumentReader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .Build();

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static T ReadYaml<T>(string text, string source)
        where T : class
    {
        try
        {
            return Yaml.Deserialize<T?>(text) ?? throw new PolicyException($"{source}: the file holds no settings.");
        }
        catch (YamlException ex)
        {
            throw new PolicyException($"{source}: line {ex.Start.Line}, column {ex.Start.Column}: {Describe(ex)}", ex);
        }
    }

    public static T ReadJson<T>(string text, string source)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json) ?? throw new PolicyException($"{source}: the file holds no settings.");
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}: " : string.Empty;
            var key = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? null : ex.Path.TrimStart('$', '.');
            var problem = ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? $"unknown key '{key}'."
                : ex.Message.Contains("could not be converted", StringComparison.Ordinal) ? $"'{key}' has a value of the wrong type."
                : FirstSentence(ex.Message) + (key is null ? string.Empty : $" (at {key})");
            throw new PolicyException($"{source}: {where}{problem}", ex);
        }
    }

    /// <summary>YamlDotNet wraps the useful cause (a bad number, an unknown property) in a generic message; dig it out.</summary>
    private static string Describe(YamlException ex)
    {
        Exception cause = ex;
        while (cause.InnerException is { } inner)
        {
            cause = inner;
        }

        var message = cause is YamlException yaml ? StripMark(yaml.Message) : $"invalid value: {cause.Message}";
        var unknown = UnknownProperty().Match(message);
        if (unknown.Success)
        {
            return $"unknown key '{unknown.Groups[1].Value}'.";
        }

        if (message.StartsWith("No node deserializer", StringComparison.Ordinal))
        {
            return "the value has the wrong shape (a list where a mapping belongs, or the reverse).";
        }

        return message.TrimEnd('.') + ".";
    }

    /// <summary>YamlException messages start with "(Line: 3, Col: 5, Idx: 20) - (...): "; the line is reported separately.</summary>
    private static string StripMark(string message)
    {
        var at = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && at >= 0 ? message[(at + 3)..] : message;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex("^Property '([^']*)' not found on type")]
    private static partial Regex UnknownProperty();
}
