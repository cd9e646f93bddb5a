using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.Validation.ValidatorTestKit;

namespace Gateway.Sql.Tests.Validation;

public sealed class QueryValidatorTests
{
    [Theory]
    [InlineData("postgres", "SELECT id, name FROM users WHERE id = 1")]
    [InlineData("postgres", "WITH t AS (SELECT 1 AS x) SELECT x FROM t;")]
    [InlineData("postgres", "select 1 -- trailing comment")]
    [InlineData("postgres", "VALUES (1), (2)")]
    [InlineData("postgres", "TABLE users")]
    [InlineData("postgres", "(SELECT 1) UNION (SELECT 2)")]
    [InlineData("mysql", "SELECT `id` FROM `users` LIMIT 5, 10")]
    [InlineData("mysql", "SELECT 1 /*! + 1 */")]
    [InlineData("sqlite", "SELECT [id] FROM [users] WHERE name GLOB 'a*'")]
    public void Allows_plain_queries(string dialect, string sql)
    {
        AssertAllowed(dialect, sql);
    }

    [Fact]
    public void Allowed_sql_is_returned_unchanged_without_a_row_cap()
    {
        const string sql = "SELECT  a\nFROM t  -- note";

        Assert.Equal(sql, Validate("postgres", sql).Sql);
    }

    [Theory]
    [InlineData("postgres", "SELECT 'unterminated", 7)]
    [InlineData("postgres", "SELECT * FROM", 13)]
    [InlineData("mysql", "SELECT 1 /*! + 1", 9)]
    [InlineData("sqlite", "SELEC 1", 0)]
    public void Unparseable_sql_is_rejected_with_a_position(string dialect, string sql, int position)
    {
        var verdict = AssertRejected(dialect, sql, RuleIds.ParseError);

        Assert.Equal(position, verdict.Position);
        Assert.NotNull(verdict.Fragment);
    }

    [Fact]
    public void Only_comments_is_empty_input()
    {
        AssertRejected("postgres", "/* nothing */ ;", RuleIds.InputEmpty);
    }

    [Fact]
    public void Sql_server_is_not_handled_here()
    {
        var verdict = new QueryValidator().Validate("SELECT 1", Gateway.Sql.Dialects.SqlDialectKind.SqlServer, Open);

        Assert.False(verdict.Allowed);
    }

    [Fact]
    public void Fragments_are_truncated()
    {
        var sql = "SELECT 1; SELECT " + string.Join(", ", Enumerable.Range(1, 100));

        var verdict = AssertRejected("postgres", sql, RuleIds.SingleStatement);

        Assert.True(verdict.Fragment!.Length <= 80);
        Assert.EndsWith("...", verdict.Fragment, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_run_in_a_fixed_order()
    {
        Assert.Equal(
            [
                RuleIds.SingleStatement, RuleIds.TransactionControl, RuleIds.SessionControl, RuleIds.DataChange,
                RuleIds.Locking, RuleIds.ExplainAnalyze, RuleIds.QueryRoot, RuleIds.SelectInto, RuleIds.DeniedFunction,
                RuleIds.ProtectedRelation, RuleIds.TableDenied, RuleIds.ColumnDenied,
            ],
            new QueryValidator().RuleOrder);
    }
}
