using Gateway.Sql.Ast;
using Gateway.Sql.Dialects;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Parsing;

/// <summary>What the parser made of a text: its statements, or the first error (with position).</summary>
internal sealed class ParseResult
{
    public ParseResult(string sql, SqlDialect dialect, LexResult tokens, IReadOnlyList<Statement> statements, SqlSyntaxError? error)
    {
        Sql = sql;
        Dialect = dialect;
        Tokens = tokens;
        Statements = statements;
        Error = error;
    }

    public string Sql { get; }

    public SqlDialect Dialect { get; }

    public LexResult Tokens { get; }

    /// <summary>The statements, in order; empty when <see cref="Error"/> is set.</summary>
    public IReadOnlyList<Statement> Statements { get; }

    public SqlSyntaxError? Error { get; }

    public bool Succeeded => Error is null;
}
