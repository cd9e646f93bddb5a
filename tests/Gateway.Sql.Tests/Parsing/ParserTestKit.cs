using Gateway.Sql.Ast;
using Gateway.Sql.Parsing;
using Gateway.Sql.Tests.Lexing;

namespace Gateway.Sql.Tests.Parsing;

internal static class ParserTestKit
{
    /// <summary>Parses one statement, failing the test on a parse error.</summary>
    public static Statement ParseOne(string dialect, string sql)
    {
        var result = SqlParser.Parse(sql, LexerTestKit.Dialect(dialect));
        Assert.True(result.Error is null, $"Unexpected parse error in {dialect}: {result.Error}");
        return Assert.Single(result.Statements);
    }

    public static Query ParseQuery(string dialect, string sql) =>
        Assert.IsType<QueryStatement>(ParseOne(dialect, sql)).Query;

    public static SelectBody ParseSelect(string dialect, string sql) =>
        Assert.IsType<SelectBody>(ParseQuery(dialect, sql).Body);

    /// <summary>The single node of type <typeparamref name="T"/> in the parse of <paramref name="sql"/>.</summary>
    public static T Single<T>(string dialect, string sql) where T : SqlNode =>
        Assert.Single(SqlWalker.OfType<T>(ParseOne(dialect, sql)));

    public static Gateway.Sql.Tests.Lexing.SqlSyntaxErrorView ParseError(string dialect, string sql)
    {
        var result = SqlParser.Parse(sql, LexerTestKit.Dialect(dialect));
        Assert.True(result.Error is not null, $"Expected a parse error in {dialect} for: {sql}");
        return new Gateway.Sql.Tests.Lexing.SqlSyntaxErrorView(result.Error!.Position, result.Error.Message);
    }
}
