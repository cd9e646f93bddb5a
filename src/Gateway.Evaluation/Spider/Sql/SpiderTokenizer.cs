using System.Globalization;

namespace Gateway.Evaluation.Spider.Sql;

/// <summary>
/// Spider's <c>tokenize</c>: single quotes become double quotes, each quoted literal is hidden behind a key while the
/// rest is split into lower-cased words, then the literal comes back verbatim and <c>!</c>/<c>&gt;</c>/<c>&lt;</c> + <c>=</c> are rejoined.
/// </summary>
internal static class SpiderTokenizer
{
    private static readonly string[] ComparisonPrefixes = ["!", ">", "<"];

    public static IReadOnlyList<string> Tokenize(string sql)
    {
        var text = sql.Replace('\'', '"');
        var quotes = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quotes.Add(i);
            }
        }

        if (quotes.Count % 2 != 0)
        {
            throw new SpiderParseException("Unexpected quote");
        }

        // Right to left, so the earlier positions stay valid while literals are swapped for keys.
        var literals = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = quotes.Count - 1; i >= 1; i -= 2)
        {
            int open = quotes[i - 1], close = quotes[i];
            var key = string.Create(CultureInfo.InvariantCulture, $"__val_{open}_{close}__");
            literals[key] = text[open..(close + 1)];
            text = string.Concat(text.AsSpan(0, open), key, text.AsSpan(close + 1));
        }

        var tokens = TreebankWordSplitter.Split(text)
            .Select(t => t.ToLowerInvariant())
            .Select(t => literals.TryGetValue(t, out var literal) ? literal : t)
            .ToList();
        return JoinComparisons(tokens);
    }

    private static List<string> JoinComparisons(List<string> tokens)
    {
        for (var eq = tokens.Count - 1; eq >= 0; eq--)
        {
            if (eq >= tokens.Count || tokens[eq] != "=")
            {
                continue;
            }

            // Python's toks[eq - 1] wraps to the last token when '=' comes first; kept for fidelity.
            var previousIndex = eq == 0 ? tokens.Count - 1 : eq - 1;
            var previous = tokens[previousIndex];
            if (!ComparisonPrefixes.Contains(previous))
            {
                continue;
            }

            var head = eq == 0 ? tokens.Take(tokens.Count - 1) : tokens.Take(eq - 1);
            tokens = [.. head, previous + "=", .. tokens.Skip(eq + 1)];
        }

        return tokens;
    }
}
