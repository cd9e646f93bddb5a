using Gateway.Sql.Dialects;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Tests.Lexing;

internal static class LexerTestKit
{
    public static SqlDialect Dialect(string name) => name switch
    {
        "postgres" => SqlDialects.Postgres,
        "mysql" => SqlDialects.MySql,
        "sqlite" => SqlDialects.Sqlite,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The tokens of <paramref name="sql"/> (without end-of-input), failing the test on a lexical error.</summary>
    public static List<(TokenKind Kind, string Text)> Lex(string dialect, string sql)
    {
        var result = SqlLexer.Tokenize(sql, Dialect(dialect));
        Assert.True(result.Error is null, $"Unexpected lexical error: {result.Error}");
        var tokens = new List<(TokenKind, string)>();
        foreach (var token in result.AsSpan())
        {
            if (token.Kind != TokenKind.EndOfInput)
            {
                tokens.Add((token.Kind, token.Text(sql)));
            }
        }

        return tokens;
    }

    public static SqlSyntaxError LexError(string dialect, string sql)
    {
        var result = SqlLexer.Tokenize(sql, Dialect(dialect));
        Assert.NotNull(result.Error);
        return result.Error!;
    }
}

/// <summary>A parse or lex error as the tests see it.</summary>
internal sealed record SqlSyntaxErrorView(int Position, string Message);
