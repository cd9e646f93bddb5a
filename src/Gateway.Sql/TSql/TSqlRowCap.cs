using System.Globalization;
using System.Text;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// Enforces the row cap by splicing the original text at fragment offsets, so the SQL that runs is the SQL that
/// was judged, word for word, plus the cap. In order of preference: tighten a literal FETCH or TOP; add FETCH after
/// OFFSET; add TOP (n) after SELECT [ALL|DISTINCT]; add OFFSET 0 ROWS FETCH after a set operation's ORDER BY; else
/// wrap the query as <c>SELECT TOP (n) * FROM (...) AS gateway_capped</c>.
/// </summary>
internal static class TSqlRowCap
{
    public const string WrapAlias = "gateway_capped";

    public static string Apply(string sql, SelectStatement select, int maxRows)
    {
        var query = select.QueryExpression;
        var edits = new List<Edit>(2);
        var cap = maxRows.ToString(CultureInfo.InvariantCulture);
        if (query.OffsetClause is { } offset)
        {
            if (offset.FetchExpression is null)
            {
                edits.Add(new(End(offset), 0, $" FETCH NEXT {cap} ROWS ONLY"));
            }
            else if (!Tighten(offset.FetchExpression, maxRows, cap, edits))
            {
                Wrap(query, cap, edits);
            }
        }
        else if (query is QuerySpecification spec)
        {
            if (spec.TopRowFilter is null)
            {
                edits.Add(new(AfterSelectKeyword(spec), 0, $" TOP ({cap})"));
            }
            else if (spec.TopRowFilter.Percent || spec.TopRowFilter.WithTies || !Tighten(spec.TopRowFilter.Expression, maxRows, cap, edits))
            {
                Wrap(query, cap, edits);
            }
        }
        else if (query.OrderByClause is { } orderBy)
        {
            edits.Add(new(End(orderBy), 0, $" OFFSET 0 ROWS FETCH NEXT {cap} ROWS ONLY"));
        }
        else
        {
            Wrap(query, cap, edits);
        }

        return Splice(sql, edits);
    }

    /// <summary>Lowers a literal row count above the cap; false when the count is not a literal (a variable, a subquery).</summary>
    private static bool Tighten(ScalarExpression expression, int maxRows, string cap, List<Edit> edits)
    {
        while (expression is ParenthesisExpression parenthesis)
        {
            expression = parenthesis.Expression;
        }

        if (expression is not IntegerLiteral literal)
        {
            return false;
        }

        // A count too large for a long is certainly above the cap.
        if (!long.TryParse(literal.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows > maxRows)
        {
            edits.Add(new(literal.StartOffset, literal.FragmentLength, cap));
        }

        return true;
    }

    private static void Wrap(QueryExpression query, string cap, List<Edit> edits)
    {
        edits.Clear();
        edits.Add(new(query.StartOffset, 0, $"SELECT TOP ({cap}) * FROM ("));
        edits.Add(new(End(query), 0, $") AS {WrapAlias}"));
    }

    /// <summary>The offset just after SELECT, or after the ALL/DISTINCT that must precede TOP.</summary>
    private static int AfterSelectKeyword(QuerySpecification spec)
    {
        var tokens = spec.ScriptTokenStream;
        var select = tokens[spec.FirstTokenIndex];
        var after = select.Offset + select.Text.Length;
        for (var i = spec.FirstTokenIndex + 1; i <= spec.LastTokenIndex; i++)
        {
            var token = tokens[i];
            if (token.TokenType is TSqlTokenType.WhiteSpace or TSqlTokenType.SingleLineComment or TSqlTokenType.MultilineComment)
            {
                continue;
            }

            return token.TokenType is TSqlTokenType.All or TSqlTokenType.Distinct ? token.Offset + token.Text.Length : after;
        }

        return after;
    }

    private static int End(TSqlFragment fragment) => fragment.StartOffset + fragment.FragmentLength;

    private static string Splice(string sql, List<Edit> edits)
    {
        // Back to front, so each edit leaves the offsets of the ones still to come intact.
        edits.Sort((a, b) => b.Offset.CompareTo(a.Offset));
        var builder = new StringBuilder(sql, sql.Length + 64);
        foreach (var edit in edits)
        {
            builder.Remove(edit.Offset, edit.Length).Insert(edit.Offset, edit.Text);
        }

        return builder.ToString();
    }

    private readonly record struct Edit(int Offset, int Length, string Text);
}
