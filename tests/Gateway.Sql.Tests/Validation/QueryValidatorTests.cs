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

    [Theory]
    [InlineData("SELECT sleep /*!99999 FROM t WHERE x IN */ (5)", "function.denied")]
    [InlineData("SELECT id /*!80000 , x FROM t WHERE 0 UNION SELECT password */ FROM users", "column.denied")]
    [InlineData("SELECT 1 /*M! FROM t WHERE 0 */; DROP TABLE t", "statement.single")]
    [InlineData("/*!50000 SELECT 1 */", "input.empty")]
    [InlineData("SELECT * FROM t /*!50000 WHERE */ a = 1", "parse.error")]
    public void Version_conditional_comments_must_be_safe_whether_or_not_the_server_runs_them(string sql, string rule)
    {
        var policy = new Gateway.Sql.Policy.SqlPolicy
        {
            MaxRows = null,
            DeniedColumns = Names("users.password"),
            Dialects = new Dictionary<Gateway.Sql.Dialects.SqlDialectKind, Gateway.Sql.Policy.DialectRules> { [Gateway.Sql.Dialects.SqlDialectKind.MySql] = Functions("sleep") },
        };

        var verdict = Validate("mysql", sql, policy);

        Assert.False(verdict.Allowed);
        Assert.Equal(rule, verdict.Rule);
    }

    [Fact]
    public void Version_conditional_comment_that_is_safe_both_ways_is_allowed()
    {
        AssertAllowed("mysql", "SELECT /*!40001 SQL_NO_CACHE */ a FROM t");
    }

    [Theory]
    [InlineData("SELECT 'it\\'s'", 10)]
    [InlineData("SELECT \"say \\\"hi\\\"\"", 12)]
    [InlineData("SELECT 'a\\'; DROP TABLE t; -- '", 9)]
    public void Mysql_backslash_escaped_quotes_are_ambiguous(string sql, int position)
    {
        var verdict = AssertRejected("mysql", sql, RuleIds.AmbiguousSyntax);

        Assert.Equal(position, verdict.Position);
    }

    [Theory]
    [InlineData("mysql", "SELECT 'it''s', 'a\\\\b', 'tab\\t', \"it's\"")]
    [InlineData("postgres", "SELECT E'it\\'s'")]
    public void Unambiguous_escapes_are_allowed(string dialect, string sql)
    {
        AssertAllowed(dialect, sql);
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
                RuleIds.SingleStatement, RuleIds.TransactionControl, RuleIds.SessionControl, RuleIds.ExplainAnalyze,
                RuleIds.DataChange, RuleIds.Locking, RuleIds.QueryRoot, RuleIds.SelectInto, RuleIds.DeniedFunction,
                RuleIds.ProtectedRelation, RuleIds.TableDenied, RuleIds.ColumnDenied, RuleIds.ColumnMasked,
            ],
            new QueryValidator().RuleOrder);
    }
}
