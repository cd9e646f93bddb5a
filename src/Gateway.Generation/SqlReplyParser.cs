using System.Text.RegularExpressions;

namespace Gateway.Generation;

/// <summary>
/// Reads a model's reply as the prompt's guidelines ask it to answer: SQL in a <c>```sql</c> fence or bare; a query
/// whose leading comment says <c>intermediate_sql</c> is an intermediate query; anything else is prose, a refusal
/// whose text is the reason.
/// </summary>
public static partial class SqlReplyParser
{
    /// <summary>Reasons longer than this are cut; a rambling reply must not flood the response.</summary>
    public const int MaxReasonLength = 1000;

    public static SqlCandidate Parse(string reply, string modelId)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(modelId);
        var sql = Fenced(reply) ?? Bare(reply);
        if (sql is null)
        {
            var reason = reply.Trim();
            reason = reason.Length == 0 ? "The model gave an empty answer." : reason;
            return SqlCandidate.Refused(reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason, modelId, reply);
        }

        return IsIntermediate(sql)
            ? SqlCandidate.Intermediate(sql, modelId, reply)
            : SqlCandidate.Answer(sql, modelId, reply);
    }

    /// <summary>The body of the first fence labelled sql (or unlabelled), when it holds a query.</summary>
    private static string? Fenced(string reply)
    {
        foreach (Match match in FencePattern().Matches(reply))
        {
            var language = match.Groups["lang"].Value;
            if (language.Length == 0 || language.Equals("sql", StringComparison.OrdinalIgnoreCase))
            {
                var body = match.Groups["body"].Value.Trim();
                return StartsWithQuery(body) ? body : null;
            }
        }

        return null;
    }

    /// <summary>The reply itself when it is a query; a model that keeps writing after it is cut at the next section marker.</summary>
    private static string? Bare(string reply)
    {
        var text = reply.Trim();
        if (text.StartsWith("SQL:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..].TrimStart();
        }

        foreach (var marker in new[] { "\n===", "```" })
        {
            var cut = text.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0)
            {
                text = text[..cut].TrimEnd();
            }
        }

        return StartsWithQuery(text) ? text : null;
    }

    private static bool StartsWithQuery(string text) => QueryStart().IsMatch(StripLeadingComments(text));

    private static bool IsIntermediate(string sql)
    {
        var comments = sql[..(sql.Length - StripLeadingComments(sql).Length)];
        return comments.Contains("intermediate_sql", StringComparison.OrdinalIgnoreCase)
            || comments.Contains("intermediate sql", StringComparison.OrdinalIgnoreCase);
    }

    private static string StripLeadingComments(string text)
    {
        var rest = text.TrimStart();
        while (true)
        {
            if (rest.StartsWith("--", StringComparison.Ordinal))
            {
                var end = rest.IndexOf('\n', StringComparison.Ordinal);
                rest = end < 0 ? string.Empty : rest[(end + 1)..].TrimStart();
            }
            else if (rest.StartsWith("/*", StringComparison.Ordinal))
            {
                var end = rest.IndexOf("*/", 2, StringComparison.Ordinal);
                rest = end < 0 ? string.Empty : rest[(end + 2)..].TrimStart();
            }
            else
            {
                return rest;
            }
        }
    }

    [GeneratedRegex(@"```[ \t]*(?<lang>[A-Za-z0-9_+-]*)[ \t]*\r?\n(?<body>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex FencePattern();

    // What a read query (or one the validator will refuse with a reason the repair can use) begins with.
    [GeneratedRegex(@"^(SELECT|WITH|VALUES|TABLE|\(|INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|TRUNCATE|GRANT|REVOKE|EXPLAIN|SHOW|PRAGMA|REPLACE|EXEC|EXECUTE|CALL|COPY)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QueryStart();
}
