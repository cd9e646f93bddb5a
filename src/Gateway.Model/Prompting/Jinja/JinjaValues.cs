using System.Collections;
using System.Globalization;
using System.Text;

namespace Gateway.Model.Prompting.Jinja;

/// <summary>A callable value: a global (<c>raise_exception</c>, <c>namespace</c>, <c>range</c>) or a bound method.</summary>
internal sealed class JinjaFunction(string name, Func<IReadOnlyList<object?>, IReadOnlyDictionary<string, object?>, object?> invoke)
{
    public string Name { get; } = name;

    public object? Invoke(IReadOnlyList<object?> args, IReadOnlyDictionary<string, object?> kwargs) => invoke(args, kwargs);
}

/// <summary>
/// Python/Jinja semantics over the values templates see: null (None), <see cref="Undefined"/>, bool, long, double,
/// string, lists and string-keyed dictionaries.
/// </summary>
internal static class JinjaValues
{
    public static bool IsTrue(object? value) => value switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    /// <summary>What <c>{{ value }}</c> prints (Python's str()).</summary>
    public static string ToText(object? value) => value switch
    {
        Undefined => "",
        string s => s,
        _ => Repr(value, top: true),
    };

    public static IEnumerable<object?> Iterate(object? value, string where) => value switch
    {
        string s => s.Select(c => (object?)c.ToString()),
        IDictionary<string, object?> d => d.Keys,
        IEnumerable<object?> list => list,
        Undefined => [],
        _ => throw new ChatTemplateException($"{where} needs a list, a mapping or a string, got {TypeName(value)}"),
    };

    public static long ToLong(object? value) => value switch
    {
        long l => l,
        bool b => b ? 1 : 0,
        double d => (long)d,
        _ => throw new ChatTemplateException($"expected an integer, got {TypeName(value)}"),
    };

    public static object? GetItem(object? target, object? key)
    {
        switch (target)
        {
            case JinjaNamespace ns when key is string name:
                return ns.TryGetValue(name, out var nsValue) ? nsValue : Undefined.Instance;
            case IDictionary<string, object?> dict when key is string name:
                return dict.TryGetValue(name, out var value) ? value : (object?)JinjaMethods.For(target, name) ?? Undefined.Instance;
            case IList<object?> list when key is long index:
                var at = index < 0 ? index + list.Count : index;
                return at >= 0 && at < list.Count ? list[(int)at] : Undefined.Instance;
            case string s when key is long index:
                var position = index < 0 ? index + s.Length : index;
                return position >= 0 && position < s.Length ? s[(int)position].ToString() : Undefined.Instance;
            case null or Undefined:
                return Undefined.Instance;
            default:
                return key is string method ? (object?)JinjaMethods.For(target, method) ?? Undefined.Instance : Undefined.Instance;
        }
    }

    public static bool AreEqual(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return ToDouble(a) == ToDouble(b);
        }

        return (a, b) switch
        {
            (null, null) or (Undefined, Undefined) => true,
            (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
            (IList<object?> x, IList<object?> y) => x.Count == y.Count && x.Zip(y).All(p => AreEqual(p.First, p.Second)),
            _ => Equals(a, b),
        };
    }

    public static int Compare(object? a, object? b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            return ToDouble(a).CompareTo(ToDouble(b));
        }

        if (a is string x && b is string y)
        {
            return string.CompareOrdinal(x, y);
        }

        throw new ChatTemplateException($"cannot compare {TypeName(a)} with {TypeName(b)}");
    }

    public static bool Contains(object? container, object? item) => container switch
    {
        string s when item is string part => s.Contains(part, StringComparison.Ordinal),
        IDictionary<string, object?> d => item is string key && d.ContainsKey(key),
        IEnumerable<object?> list => list.Any(x => AreEqual(x, item)),
        Undefined or null => false,
        _ => throw new ChatTemplateException($"'in' needs a list, a mapping or a string, got {TypeName(container)}"),
    };

    public static object? Arithmetic(string op, object? a, object? b)
    {
        if (op == "+" && a is string x && b is string y)
        {
            return x + y;
        }

        if (op == "+" && a is IList<object?> l1 && b is IList<object?> l2)
        {
            return l1.Concat(l2).ToList();
        }

        if (op == "*" && a is string repeated && b is long times)
        {
            return string.Concat(Enumerable.Repeat(repeated, (int)Math.Max(0, times)));
        }

        if (!IsNumber(a) || !IsNumber(b))
        {
            throw new ChatTemplateException($"unsupported operand types for {op}: {TypeName(a)} and {TypeName(b)}");
        }

        if (a is long i && b is long j && op != "/")
        {
            return op switch
            {
                "+" => i + j,
                "-" => i - j,
                "*" => i * j,
                "//" => j == 0 ? throw new ChatTemplateException("division by zero") : (long)Math.Floor((double)i / j),
                _ => j == 0 ? throw new ChatTemplateException("division by zero") : ((i % j) + j) % j,
            };
        }

        var (p, q) = (ToDouble(a), ToDouble(b));
        return op switch
        {
            "+" => p + q,
            "-" => p - q,
            "*" => p * q,
            "/" => p / q,
            "//" => Math.Floor(p / q),
            _ => p - (q * Math.Floor(p / q)),
        };
    }

    public static string TypeName(object? value) => value switch
    {
        null => "none",
        Undefined => "undefined",
        bool => "boolean",
        long => "integer",
        double => "float",
        string => "string",
        IDictionary<string, object?> => "mapping",
        IList<object?> => "list",
        JinjaFunction => "function",
        _ => value.GetType().Name,
    };

    public static bool IsNumber(object? value) => value is long or double or bool;

    public static double ToDouble(object? value) => value switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        _ => throw new ChatTemplateException($"expected a number, got {TypeName(value)}"),
    };

    /// <summary>JSON as Python's <c>json.dumps(value, ensure_ascii=False, indent=indent)</c> writes it (HF's <c>tojson</c>).</summary>
    public static string ToJson(object? value, int? indent = null)
    {
        var text = new StringBuilder();
        WriteJson(text, value, indent, 0);
        return text.ToString();
    }

    private static void WriteJson(StringBuilder text, object? value, int? indent, int depth)
    {
        switch (value)
        {
            case null or Undefined:
                text.Append("null");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case long or double:
                text.Append(Repr(value, top: false));
                break;
            case string s:
                WriteJsonString(text, s);
                break;
            case IDictionary<string, object?> d:
                WriteJsonItems(text, d.Select(p => (object?)p), indent, depth, '{', '}', (item, level) =>
                {
                    var pair = (KeyValuePair<string, object?>)item!;
                    WriteJsonString(text, pair.Key);
                    text.Append(": ");
                    WriteJson(text, pair.Value, indent, level);
                });
                break;
            case IEnumerable<object?> list:
                WriteJsonItems(text, list, indent, depth, '[', ']', (item, level) => WriteJson(text, item, indent, level));
                break;
            default:
                throw new ChatTemplateException($"tojson cannot write a {TypeName(value)}");
        }
    }

    private static void WriteJsonItems(
        StringBuilder text, IEnumerable<object?> items, int? indent, int depth, char open, char close, Action<object?, int> write)
    {
        text.Append(open);
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(indent is null ? ", " : ",");
            }

            if (indent is { } width)
            {
                text.Append('\n').Append(' ', width * (depth + 1));
            }

            write(item, depth + 1);
            first = false;
        }

        if (indent is { } w && !first)
        {
            text.Append('\n').Append(' ', w * depth);
        }

        text.Append(close);
    }

    private static void WriteJsonString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    // Python's repr(), which str() of containers uses for their items.
    private static string Repr(object? value, bool top) => value switch
    {
        null => "None",
        Undefined => "",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e16 => d.ToString("F1", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => top ? s : "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        IDictionary<string, object?> d => "{" + string.Join(", ", d.Select(p => Repr(p.Key, false) + ": " + Repr(p.Value, false))) + "}",
        IEnumerable<object?> list => "[" + string.Join(", ", list.Select(x => Repr(x, false))) + "]",
        JinjaFunction f => $"<function {f.Name}>",
        _ => value.ToString() ?? "",
    };
}
