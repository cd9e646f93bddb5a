using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.TSql.TSqlCheck;

namespace Gateway.Sql.Tests.TSql;

public sealed class TSqlColumnRulesTests
{
    private static readonly Gateway.Sql.Policy.SqlPolicy Policy = Uncapped() with { DeniedColumns = Names("users.ssn", "password_hash") };

    [Theory]
    [InlineData("SELECT ssn FROM users", 7)]
    [InlineData("SELECT u.ssn FROM users AS u", 7)]
    [InlineData("SELECT users.ssn FROM dbo.users", 7)]
    [InlineData("SELECT id FROM users WHERE ssn = '1'", 27)]
    [InlineData("SELECT o.id FROM orders o JOIN users u ON u.ssn = o.ref", 42)]
    [InlineData("SELECT x.s FROM (SELECT ssn AS s FROM users) x", 24)]
    [InlineData("SELECT (SELECT MAX(ssn) FROM orders) FROM users", 19)]
    [InlineData("SELECT password_hash FROM anything", 7)]
    [InlineData("SELECT a.[password_hash] FROM t a", 7)]
    public void Denied_columns_are_rejected_through_aliases(string sql, int position) =>
        AssertRejected(sql, RuleIds.ColumnDenied, position, Policy);

    [Theory]
    [InlineData("SELECT o.ssn FROM orders o JOIN users u ON u.id = o.user_id")]
    [InlineData("SELECT name FROM users")]
    [InlineData("SELECT x.ssn FROM (SELECT name AS ssn FROM users) x")]
    [InlineData("SELECT COUNT(*) FROM users")]
    public void Other_columns_pass(string sql) => AssertAllowed(sql, Policy);

    [Theory]
    [InlineData("SELECT * FROM users", 7)]
    [InlineData("SELECT u.* FROM users u JOIN orders o ON o.user_id = u.id", 7)]
    [InlineData("SELECT CHECKSUM(*) FROM users", 7)]
    [InlineData("SELECT (SELECT * FROM users FOR JSON AUTO) AS doc", 15)]
    public void Star_over_a_table_with_a_denied_column_is_rejected(string sql, int position)
    {
        var policy = Uncapped() with { DeniedColumns = Names("users.ssn") };

        AssertRejected(sql, RuleIds.ColumnDenied, position, policy);
    }

    [Theory]
    [InlineData("SELECT o.* FROM users u JOIN orders o ON o.user_id = u.id")]
    [InlineData("SELECT * FROM (SELECT id, name FROM users) x")]
    [InlineData("SELECT * FROM orders")]
    [InlineData("SELECT COUNT(*), COUNT_BIG(*) FROM users")]
    public void Star_over_tables_without_denied_columns_passes(string sql)
    {
        var policy = Uncapped() with { DeniedColumns = Names("users.ssn") };

        AssertAllowed(sql, policy);
    }

    [Fact]
    public void Star_is_rejected_when_a_bare_column_is_denied() =>
        AssertRejected("SELECT * FROM orders", RuleIds.ColumnDenied, 7, Policy);
}
