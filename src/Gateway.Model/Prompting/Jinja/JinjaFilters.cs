using System.Globalization;
using System.Net;

namespace Gateway.Model.Prompting.Jinja;

/// <summary>The filters and tests chat templates use, with Jinja's meanings.</summary>
internal static class JinjaFilters
{
    public static object? Apply(string name, object? value, IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs)
    {
        object? Arg(int index, string keyword, object? fallback) =>
            index < args.Count ? args[index] : kwargs.TryGetValue(keyword, out var v) ? v : fallback;

        switch (name)
        {
            case "trim":
                return JinjaValues.ToText(value).Trim();
            case "length" or "count":
                return value switch
                {
                    string s => (long)s.Length,
                    System.Collections.ICollection c => (long)c.Count,
                    Undefined => 0L,
                    _ => throw new ChatTemplateException($"length of a {JinjaValues.TypeName(value)}"),
                };
            case "tojson":
                return JinjaValues.ToJson(value, Arg(0, "indent", null) is { } indent ? (int)JinjaValues.ToLong(indent) : null);
            case "upper":
                return JinjaValues.ToText(value).ToUpperInvariant();
            case "lower":
                return JinjaValues.ToText(value).ToLowerInvariant();
            case "default" or "d":
                var useForFalsy = JinjaValues.IsTrue(Arg(1, "boolean", false));
                return value is Undefined || (useForFalsy && !JinjaValues.IsTrue(value)) ? Arg(0, "default_value", "") : value;
            case "join":
                var separator = JinjaValues.ToText(Arg(0, "d", ""));
                var attribute = Arg(1, "attribute", null) as string;
                return string.Join(separator, JinjaValues.Iterate(value, "join").Select(x => JinjaValues.ToText(attribute is null ? x : JinjaValues.GetItem(x, attribute))));
            case "first":
                return JinjaValues.Iterate(value, "first").DefaultIfEmpty(Undefined.Instance).First();
            case "last":
                return JinjaValues.Iterate(value, "last").DefaultIfEmpty(Undefined.Instance).Last();
            case "string":
                return JinjaValues.ToText(value);
            case "capitalize":
                var text = JinjaValues.ToText(value);
                return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant();
            case "title":
                return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(JinjaValues.ToText(value).ToLowerInvariant());
            case "list":
                return JinjaValues.Iterate(value, "list").ToList();
            case "items":
                return value is IDictionary<string, object?> dict
                    ? dict.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList()
                    : throw new ChatTemplateException($"items of a {JinjaValues.TypeName(value)}");
            case "replace":
                return JinjaValues.ToText(value).Replace(JinjaValues.ToText(Arg(0, "old", "")), JinjaValues.ToText(Arg(1, "new", "")), StringComparison.Ordinal);
            case "int":
                return value is string s1 && long.TryParse(s1.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
                    : JinjaValues.IsNumber(value) ? (long)JinjaValues.ToDouble(value) : 0L;
            case "float":
                return value is string s2 && double.TryParse(s2.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) ? real
                    : JinjaValues.IsNumber(value) ? JinjaValues.ToDouble(value) : 0.0;
            case "abs":
                return value is long l ? Math.Abs(l) : (object)Math.Abs(JinjaValues.ToDouble(value));
            case "reverse":
                return value is string r ? new string(r.Reverse().ToArray()) : (object)JinjaValues.Iterate(value, "reverse").Reverse().ToList();
            case "safe":
                return value;
            case "e" or "escape":
                return WebUtility.HtmlEncode(JinjaValues.ToText(value));
            case "selectattr" or "rejectattr":
                var select = name == "selectattr";
                var key = JinjaValues.ToText(Arg(0, "attribute", ""));
                var test = args.Count > 1 ? JinjaValues.ToText(args[1]) : null;
                return JinjaValues.Iterate(value, name).Where(item =>
                {
                    var attr = JinjaValues.GetItem(item, key);
                    var passes = test is null ? JinjaValues.IsTrue(attr) : JinjaValues.IsTrue(Test(test, attr, args.Skip(2).ToList()));
                    return passes == select;
                }).ToList();
            case "map":
                if (kwargs.TryGetValue("attribute", out var mapped) && mapped is string mappedKey)
                {
                    return JinjaValues.Iterate(value, "map").Select(item => JinjaValues.GetItem(item, mappedKey)).ToList();
                }

                if (args.Count > 0 && args[0] is string filter)
                {
                    return JinjaValues.Iterate(value, "map").Select(item => Apply(filter, item, args.Skip(1).ToList(), new Dictionary<string, object?>())).ToList();
                }

                throw new ChatTemplateException("map needs attribute='...' or a filter name");
            case "unique":
                var seen = new List<object?>();
                foreach (var item in JinjaValues.Iterate(value, "unique"))
                {
                    if (!seen.Any(x => JinjaValues.AreEqual(x, item)))
                    {
                        seen.Add(item);
                    }
                }

                return seen;
            case "sort":
                var sorted = JinjaValues.Iterate(value, "sort").ToList();
                sorted.Sort(JinjaValues.Compare);
                return JinjaValues.IsTrue(Arg(0, "reverse", false)) ? Enumerable.Reverse(sorted).ToList() : sorted;
            default:
                throw new ChatTemplateException($"unsupported Jinja filter '{name}'");
        }
    }

    public static bool Test(string name, object? value, IReadOnlyList<object?> args) => name switch
    {
        "defined" => value is not Undefined,
        "undefined" => value is Undefined,
        "none" => value is null,
        "string" => value is string,
        "number" => value is long or double,
        "integer" => value is long,
        "float" => value is double,
        "boolean" => value is bool,
        "true" => value is true,
        "false" => value is false,
        "mapping" => value is IDictionary<string, object?>,
        "iterable" => value is string or IEnumerable<object?> or IDictionary<string, object?>,
        "sequence" => value is string or IList<object?> or IDictionary<string, object?>,
        "callable" => value is JinjaFunction,
        "equalto" or "eq" => args.Count == 1 ? JinjaValues.AreEqual(value, args[0]) : throw new ChatTemplateException($"test '{name}' needs one argument"),
        "odd" => JinjaValues.ToLong(value) % 2 != 0,
        "even" => JinjaValues.ToLong(value) % 2 == 0,
        _ => throw new ChatTemplateException($"unsupported Jinja test '{name}'"),
    };
}

/// <summary>The Python methods templates call on strings and mappings (<c>content.strip()</c>, <c>message.get('x')</c>).</summary>
internal static class JinjaMethods
{
    public static JinjaFunction? For(object? target, string name) => target switch
    {
        string s => StringMethod(s, name),
        IDictionary<string, object?> d => name switch
        {
            "get" => new JinjaFunction(name, (args, _) => args.Count > 0 && args[0] is string key && d.TryGetValue(key, out var v) ? v : args.Count > 1 ? args[1] : null),
            "items" => new JinjaFunction(name, (_, _) => d.Select(p => (object?)new List<object?> { p.Key, p.Value }).ToList()),
            "keys" => new JinjaFunction(name, (_, _) => d.Keys.Select(k => (object?)k).ToList()),
            "values" => new JinjaFunction(name, (_, _) => d.Values.ToList()),
            _ => null,
        },
        _ => null,
    };

    private static JinjaFunction? StringMethod(string s, string name)
    {
        static string? Chars(IReadOnlyList<object?> args) => args.Count > 0 && args[0] is string c ? c : null;

        return name switch
        {
            "strip" => new JinjaFunction(name, (args, _) => Chars(args) is { } c ? s.Trim(c.ToCharArray()) : s.Trim()),
            "lstrip" => new JinjaFunction(name, (args, _) => Chars(args) is { } c ? s.TrimStart(c.ToCharArray()) : s.TrimStart()),
            "rstrip" => new JinjaFunction(name, (args, _) => Chars(args) is { } c ? s.TrimEnd(c.ToCharArray()) : s.TrimEnd()),
            "upper" => new JinjaFunction(name, (_, _) => s.ToUpperInvariant()),
            "lower" => new JinjaFunction(name, (_, _) => s.ToLowerInvariant()),
            "startswith" => new JinjaFunction(name, (args, _) => args.Count > 0 && s.StartsWith(JinjaValues.ToText(args[0]), StringComparison.Ordinal)),
            "endswith" => new JinjaFunction(name, (args, _) => args.Count > 0 && s.EndsWith(JinjaValues.ToText(args[0]), StringComparison.Ordinal)),
            "replace" => new JinjaFunction(name, (args, _) => args.Count >= 2
                ? s.Replace(JinjaValues.ToText(args[0]), JinjaValues.ToText(args[1]), StringComparison.Ordinal)
                : throw new ChatTemplateException("replace needs two arguments")),
            "split" => new JinjaFunction(name, (args, _) => Split(s, args)),
            "title" => new JinjaFunction(name, (_, _) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s.ToLowerInvariant())),
            "capitalize" => new JinjaFunction(name, (_, _) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant()),
            _ => null,
        };
    }

    private static List<object?> Split(string s, IReadOnlyList<object?> args)
    {
        var limit = args.Count > 1 && args[1] is long l && l >= 0 ? (int)l + 1 : int.MaxValue;
        if (args.Count == 0 || args[0] is null)
        {
            return [.. s.Split((char[]?)null, limit, StringSplitOptions.RemoveEmptyEntries)];
        }

        return [.. s.Split(JinjaValues.ToText(args[0]), limit)];
    }
}
