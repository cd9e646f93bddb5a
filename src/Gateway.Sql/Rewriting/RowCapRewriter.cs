using System.Globalization;
using Gateway.Sql.Ast;
using Gateway.Sql.Lexing;
using Gateway.Sql.Parsing;

namespace Gateway.Sql.Rewriting;

/// <summary>
/// Enforces the policy's row cap on an allowed query by splicing the original text at token positions, so that
/// everything else the user wrote stays byte-identical:
/// <list type="bullet">
/// <item>no limit: <c> LIMIT n</c> goes after the last token (before a trailing <c>;</c> or comment);</item>
/// <item>a literal <c>LIMIT m</c> / <c>LIMIT o, m</c> / <c>FETCH FIRST m ROWS ONLY</c>: m becomes min(m, n);</item>
/// <item><c>LIMIT ALL</c>: ALL becomes n; <c>OFFSET o</c> alone: <c>LIMIT n </c> goes before it;</item>
/// <item>a limit that is not a plain integer (parameter, expression), <c>WITH TIES</c>, or a MySQL executable
/// comment (whose content the server may or may not run) holding the end of the query or its limit: the query is wrapped,
/// <c>SELECT * FROM (query) AS gateway_capped LIMIT n</c>.</item>
/// </list>
/// Set operations get one outer limit (the query-level LIMIT applies to the whole). EXPLAIN returns a plan, not
/// rows, and passes unchanged.
/// </summary>
internal static class RowCapRewriter
{
    /// <summary>The alias of the derived table a wrapped query becomes.</summary>
    public const string WrapperAlias = "gateway_capped";

    public static string Rewrite(ParseResult parse, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var sql = parse.Sql;
        if (parse.Statements.Count != 1 || parse.Statements[0] is not QueryStatement statement)
        {
            return sql;
        }

        var cap = Math.Max(0, maxRows);
        var capText = cap.ToString(CultureInfo.InvariantCulture);
        var regions = parse.Tokens.ExecutableComments;
        var (start, end) = CoreSpan(statement.Span, regions);
        var limit = statement.Query.Limit;
        if (regions.Count > 0 && (Inside(regions, statement.Span.End - 1) || (limit is not null && Overlaps(regions, limit.Span))))
        {
            return Wrap(sql, start, end, capText);
        }

        if (limit is null)
        {
            return Splice(sql, end, 0, $" {parse.Dialect.RowLimitKeyword} {capText}");
        }

        if (limit.CountIsAll && limit.AllKeyword is { } all)
        {
            return Splice(sql, all.Start, all.Length, capText);
        }

        if (limit.Count is null)
        {
            return limit.Syntax switch
            {
                LimitSyntax.OffsetOnly => Splice(sql, limit.Span.Start, 0, $"{parse.Dialect.RowLimitKeyword} {capText} "),
                LimitSyntax.Fetch when cap >= 1 && !limit.WithTies => sql,
                _ => Wrap(sql, start, end, capText),
            };
        }

        if (limit.WithTies || !TryReadCount(limit.Count, out var count))
        {
            return Wrap(sql, start, end, capText);
        }

        return count <= cap ? sql : Splice(sql, limit.Count.Span.Start, limit.Count.Span.Length, capText);
    }

    /// <summary>The statement's text, widened to whole executable comments so a wrapper never lands inside one.</summary>
    private static (int Start, int End) CoreSpan(TextSpan span, IReadOnlyList<CommentRegion> regions)
    {
        var (start, end) = (span.Start, span.End);
        foreach (var region in regions)
        {
            if (start > region.Start && start < region.End)
            {
                start = region.Start;
            }

            if (end > region.Start && end < region.End)
            {
                end = region.End;
            }
        }

        return (start, end);
    }

    private static bool Inside(IReadOnlyList<CommentRegion> regions, int offset)
    {
        foreach (var region in regions)
        {
            if (offset >= region.Start && offset < region.End)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlaps(IReadOnlyList<CommentRegion> regions, TextSpan span)
    {
        foreach (var region in regions)
        {
            if (span.Start < region.End && region.Start < span.End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A plain non-negative integer literal (no sign, exponent, underscores or hex).</summary>
    private static bool TryReadCount(Expression expression, out decimal count)
    {
        count = 0;
        if (expression is not Literal { Kind: LiteralKind.Number } literal)
        {
            return false;
        }

        foreach (var c in literal.Text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        // More digits than a long holds: larger than any cap.
        count = literal.Text.Length > 18 ? decimal.MaxValue : long.Parse(literal.Text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static string Wrap(string sql, int start, int end, string capText) =>
        new System.Text.StringBuilder(sql.Length + 64)
            .Append(sql, 0, start)
            .Append("SELECT * FROM (")
            .Append(sql, start, end - start)
            .Append(") AS ").Append(WrapperAlias).Append(" LIMIT ").Append(capText)
            .Append(sql, end, sql.Length - end)
            .ToString();

    private static string Splice(string sql, int at, int removeLength, string insert) =>
        string.Concat(sql.AsSpan(0, at), insert, sql.AsSpan(at + removeLength));
}
