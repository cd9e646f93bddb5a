using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.Validation.ValidatorTestKit;

namespace Gateway.Sql.Tests.Validation.Rules;

public sealed class ColumnPolicyRuleTests
{
    private static readonly SqlPolicy Qualified = new() { MaxRows = null, DeniedColumns = Names("users.password", "hr.salaries.amount") };
    private static readonly SqlPolicy Bare = new() { MaxRows = null, DeniedColumns = Names("ssn") };

    [Theory]
    [InlineData("SELECT password FROM users", "password")]
    [InlineData("SELECT users.password FROM users", "users.password")]
    [InlineData("SELECT u.password FROM users u", "u.password")]
    [InlineData("SELECT u.password FROM public.users AS u", "u.password")]
    [InlineData("SELECT public.users.password FROM public.users", "public.users.password")]
    [InlineData("SELECT id FROM users WHERE password = 'x'", "password")]
    [InlineData("SELECT id FROM users ORDER BY password", "password")]
    [InlineData("SELECT id FROM users GROUP BY id HAVING max(password) > ''", "password")]
    [InlineData("SELECT id FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE o.note = u.password)", "u.password")]
    [InlineData("SELECT (SELECT password FROM users WHERE id = 1)", "password")]
    [InlineData("SELECT p FROM (SELECT password AS p FROM users) s", "password")]
    [InlineData("WITH x AS (SELECT password FROM users) SELECT * FROM x", "password")]
    [InlineData("SELECT o.id FROM orders o JOIN users u ON u.password = o.note", "u.password")]
    [InlineData("SELECT o.id FROM orders o JOIN users u USING (password)", "password)")]
    [InlineData("SELECT length(password) FROM users", "password")]
    [InlineData("SELECT amount FROM hr.salaries", "amount")]
    public void Denied_columns_are_rejected_through_aliases_and_scopes(string sql, string fragment)
    {
        AssertRejectedAt("postgres", sql, RuleIds.ColumnDenied, fragment, Qualified);
    }

    [Theory]
    [InlineData("SELECT id, name FROM users")]
    [InlineData("SELECT password FROM accounts")]
    [InlineData("SELECT o.password FROM orders o")]
    [InlineData("SELECT count(*) FROM users")]
    [InlineData("SELECT * FROM orders")]
    [InlineData("SELECT o.* FROM orders o JOIN users u ON u.id = o.uid")]
    [InlineData("SELECT * FROM (SELECT id FROM users) s")]
    [InlineData("WITH users AS (SELECT 1 AS password) SELECT password FROM users")]
    public void Other_columns_and_tables_pass(string sql)
    {
        AssertAllowed("postgres", sql, Qualified);
    }

    [Theory]
    [InlineData("SELECT * FROM users", "*")]
    [InlineData("SELECT u.* FROM users u", "u.*")]
    [InlineData("SELECT o.id, u.* FROM orders o JOIN users u ON u.id = o.uid", "u.*")]
    [InlineData("SELECT * FROM orders o JOIN users u ON u.id = o.uid", "*")]
    [InlineData("SELECT * FROM (SELECT * FROM users) s", "* FROM users")]
    [InlineData("TABLE users", "TABLE users")]
    [InlineData("SELECT count(*) FROM orders NATURAL JOIN users", "orders NATURAL JOIN users")]
    [InlineData("SELECT row_to_json(u) FROM users u", "u)")]
    [InlineData("SELECT users FROM users", "users FROM")]
    [InlineData("SELECT pw FROM users AS u(id, pw)", "AS u(id, pw)")]
    public void Reading_every_column_of_a_table_with_a_denied_column_is_rejected(string sql, string fragment)
    {
        AssertRejectedAt("postgres", sql, RuleIds.ColumnDenied, fragment, Qualified);
    }

    [Theory]
    [InlineData("postgres", "SELECT ssn FROM people", "ssn")]
    [InlineData("postgres", "SELECT p.SSN FROM people p", "p.SSN")]
    [InlineData("mysql", "SELECT `ssn` FROM people", "`ssn`")]
    [InlineData("sqlite", "SELECT [ssn] FROM people", "[ssn]")]
    [InlineData("postgres", "SELECT * FROM people", "*")]
    public void A_bare_denied_column_is_denied_in_every_table(string dialect, string sql, string fragment)
    {
        AssertRejectedAt(dialect, sql, RuleIds.ColumnDenied, fragment, Bare);
    }

    [Theory]
    [InlineData("SELECT amount FROM salaries")]
    [InlineData("SELECT s.amount FROM salaries s")]
    [InlineData("SELECT * FROM salaries")]
    public void A_schema_qualified_entry_also_covers_unqualified_references(string sql)
    {
        AssertRejected("postgres", sql, RuleIds.ColumnDenied, Qualified);
    }

    [Theory]
    [InlineData("SELECT \"password\" FROM users")]
    [InlineData("SELECT id FROM users WHERE \"password\" = 'x'")]
    public void Mysql_double_quoted_text_is_checked_as_a_name_too(string sql)
    {
        // Under ANSI_QUOTES the server reads "password" as the column.
        AssertRejected("mysql", sql, RuleIds.ColumnDenied, Qualified);
    }

    [Fact]
    public void Mysql_double_quoted_text_that_names_no_denied_column_is_a_string()
    {
        AssertAllowed("mysql", "SELECT id FROM users WHERE name = \"Bob\"", Qualified);
    }

    [Fact]
    public void Mysql_digit_leading_column_is_one_name()
    {
        var policy = new SqlPolicy { MaxRows = null, DeniedColumns = Names("2fa_secret") };

        AssertRejectedAt("mysql", "SELECT 2fa_secret FROM users", RuleIds.ColumnDenied, "2fa_secret", policy);
    }
}
