using System.Text;
using Gateway.Sql.Dialects;

namespace Gateway.Generation.Pointer;

/// <summary>The pointer model's SQLite query in another dialect, or why it cannot be written there.</summary>
public readonly record struct DialectSql(string? Sql, string? Refusal);

/// <summary>
/// Rewrites the pointer model's SQLite output for the source's dialect. The model only ever writes a small subset
/// of SQL (SELECT with joins, aggregates, LIKE, set operators, LIMIT n), so the differences are few: identifier
/// quoting (PostgreSQL folds bare names to lower case, MySQL reads double quotes as strings, SQL Server uses
/// brackets) and SQL Server's <c>TOP n</c> in place of <c>LIMIT n</c>.
/// </summary>
public static class PointerDialectWriter
{
    public static DialectSql Write(string sqliteSql, SqlDialectKind dialect)
    {
        ArgumentNullException.ThrowIfNull(sqliteSql);
        if (dialect == SqlDialectKind.Sqlite)
        {
            return new DialectSql(sqliteSql, null);
        }

        var tokens = SqlTokens.Split(sqliteSql);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == TokenKind.QuotedName || (token.Kind == TokenKind.Word && !SqlTokens.IsKeyword(token.Text) && !IsFunctionCall(tokens, i)))
            {
                var name = token.Kind == TokenKind.QuotedName ? token.Text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : token.Text;
                tokens[i] = token with { Text = Quote(name, dialect, force: token.Kind == TokenKind.QuotedName) };
            }
        }

        if (dialect == SqlDialectKind.SqlServer)
        {
            var refusal = LimitToTop(tokens);
            if (refusal is not null)
            {
                return new DialectSql(null, refusal);
            }
        }

        return new DialectSql(SqlTokens.Join(tokens), null);
    }

    private static bool IsFunctionCall(List<SqlToken> tokens, int i) => i + 1 < tokens.Count && tokens[i + 1].Text == "(";

    private static string Quote(string name, SqlDialectKind dialect, bool force)
    {
        // Table aliases (T1, T2) and other plain lower-case names need no quotes anywhere.
        var plain = name.Length > 0 && (char.IsAsciiLetterLower(name[0]) || name[0] == '_' || (char.IsAsciiLetterUpper(name[0]) && dialect != SqlDialectKind.Postgres))
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            && (dialect != SqlDialectKind.Postgres || !name.Any(char.IsAsciiLetterUpper));
        if (plain && !force)
        {
            return name;
        }

        return dialect switch
        {
            SqlDialectKind.MySql => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`",
            SqlDialectKind.SqlServer => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]",
            _ => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        };
    }

    /// <summary>Moves each <c>LIMIT n</c> to <c>TOP n</c> after its query's SELECT (and DISTINCT); null when done, else why not.</summary>
    private static string? LimitToTop(List<SqlToken> tokens)
    {
        // Per parenthesis depth: where the current query's SELECT is, and whether a set operator joined queries there.
        var selects = new Stack<(int Select, bool Compound)>();
        selects.Push((-1, false));
        for (var i = 0; i < tokens.Count; i++)
        {
            var text = tokens[i].Text;
            if (text == "(")
            {
                selects.Push((-1, false));
            }
            else if (text == ")")
            {
                selects.Pop();
            }
            else if (text.Equals("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                var (_, compound) = selects.Pop();
                selects.Push((i, compound));
            }
            else if (text is "UNION" or "INTERSECT" or "EXCEPT" || text.Equals("UNION", StringComparison.OrdinalIgnoreCase)
                || text.Equals("INTERSECT", StringComparison.OrdinalIgnoreCase) || text.Equals("EXCEPT", StringComparison.OrdinalIgnoreCase))
            {
                var (select, _) = selects.Pop();
                selects.Push((select, true));
            }
            else if (text.Equals("LIMIT", StringComparison.OrdinalIgnoreCase))
            {
                var (select, compound) = selects.Peek();
                if (compound || select < 0 || i + 1 >= tokens.Count || tokens[i + 1].Kind != TokenKind.Number)
                {
                    return "The default model wrote LIMIT on a compound query, which SQL Server cannot express with TOP; this source's dialect is only partly supported by the default model.";
                }

                var count = tokens[i + 1].Text;
                tokens.RemoveRange(i, 2);
                var at = select + 1;
                if (at < tokens.Count && tokens[at].Text.Equals("DISTINCT", StringComparison.OrdinalIgnoreCase))
                {
                    at++;
                }

                tokens.Insert(at, new SqlToken(TokenKind.Word, "TOP"));
                tokens.Insert(at + 1, new SqlToken(TokenKind.Number, count));
                i++;
            }
        }

        return null;
    }
}

internal enum TokenKind
{
    Word,
    QuotedName,
    String,
    Number,
    Symbol,
}

internal readonly record struct SqlToken(TokenKind Kind, string Text);

/// <summary>A tokenizer for the model's own SQL (no comments, no exotic literals), and the writer back.</summary>
internal static class SqlTokens
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "SELECT", "DISTINCT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE", "BETWEEN", "IS", "NULL", "JOIN", "ON", "AS",
        "GROUP", "BY", "HAVING", "ORDER", "ASC", "DESC", "LIMIT", "UNION", "INTERSECT", "EXCEPT", "ALL", "EXISTS", "CASE",
        "WHEN", "THEN", "ELSE", "END", "INNER", "LEFT", "OUTER", "CROSS", "TOP",
    };

    public static bool IsKeyword(string word) => Keywords.Contains(word);

    public static List<SqlToken> Split(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                var end = i + 1;
                while (end < sql.Length && (sql[end] != c || (end + 1 < sql.Length && sql[end + 1] == c)))
                {
                    end += sql[end] == c ? 2 : 1;
                }

                end = Math.Min(end + 1, sql.Length);
                tokens.Add(new SqlToken(c == '\'' ? TokenKind.String : TokenKind.QuotedName, sql[i..end]));
                i = end;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < sql.Length && char.IsAsciiDigit(sql[i + 1]) && (tokens.Count == 0 || tokens[^1].Kind != TokenKind.Word)))
            {
                var end = i;
                while (end < sql.Length && (char.IsAsciiDigit(sql[end]) || sql[end] == '.' || sql[end] == 'e' || sql[end] == 'E'))
                {
                    end++;
                }

                tokens.Add(new SqlToken(TokenKind.Number, sql[i..end]));
                i = end;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var end = i;
                while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_' || sql[end] == '$'))
                {
                    end++;
                }

                tokens.Add(new SqlToken(TokenKind.Word, sql[i..end]));
                i = end;
            }
            else
            {
                var two = i + 1 < sql.Length ? sql.Substring(i, 2) : null;
                var symbol = two is "<=" or ">=" or "!=" or "<>" or "||" ? two : c.ToString();
                tokens.Add(new SqlToken(TokenKind.Symbol, symbol));
                i += symbol.Length;
            }
        }

        return tokens;
    }

    public static string Join(IReadOnlyList<SqlToken> tokens)
    {
        var sql = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            var text = tokens[i].Text;
            var tight = sql.Length == 0 || text is ")" or "," or "." || (i > 0 && tokens[i - 1].Text is "(" or ".")
                || (text == "(" && i > 0 && tokens[i - 1].Kind == TokenKind.Word && !IsKeyword(tokens[i - 1].Text));
            if (!tight)
            {
                sql.Append(' ');
            }

            sql.Append(text);
        }

        return sql.ToString();
    }
}
