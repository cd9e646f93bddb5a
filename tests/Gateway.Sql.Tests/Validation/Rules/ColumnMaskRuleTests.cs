using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.Validation.ValidatorTestKit;

namespace Gateway.Sql.Tests.Validation.Rules;

public sealed class ColumnMaskRuleTests
{
    private static readonly SqlPolicy Qualified = new() { MaxRows = null, MaskedColumns = Names("customers.email") };
    private static readonly SqlPolicy Bare = new() { MaxRows = null, MaskedColumns = Names("ssn") };

    [Theory]
    [InlineData("postgres", "SELECT email FROM customers")]
    [InlineData("postgres", "SELECT id, customers.email FROM customers")]
    [InlineData("postgres", "SELECT c.email AS email FROM customers c WHERE c.id > 3 ORDER BY c.name")]
    [InlineData("postgres", "SELECT c.EMAIL AS Email FROM customers c")]
    [InlineData("postgres", "SELECT * FROM customers")]
    [InlineData("postgres", "SELECT c.*, o.id FROM customers c JOIN orders o ON o.customer_id = c.id")]
    [InlineData("postgres", "TABLE customers")]
    [InlineData("postgres", "SELECT email FROM customers ORDER BY 1 + 0")]
    [InlineData("postgres", "SELECT name, email FROM customers ORDER BY 1")]
    [InlineData("mysql", "SELECT `email` FROM customers LIMIT 5")]
    [InlineData("sqlite", "SELECT [email] FROM customers")]
    [InlineData("postgres", "SELECT email FROM orders WHERE email LIKE 'a%'")]
    [InlineData("postgres", "EXPLAIN SELECT email FROM customers")]
    public void A_masked_column_may_be_returned_as_a_plain_outermost_column(string dialect, string sql)
    {
        AssertAllowed(dialect, sql, Qualified);
    }

    [Theory]
    [InlineData("SELECT id FROM customers WHERE email = 'a@b.c'", "email =")]
    [InlineData("SELECT c.id FROM customers c JOIN orders o ON o.note = c.email", "c.email")]
    [InlineData("SELECT o.id FROM orders o JOIN customers USING (email)", "email)")]
    [InlineData("SELECT email, count(*) FROM customers c GROUP BY c.email", "c.email")]
    [InlineData("SELECT id FROM customers GROUP BY id HAVING max(email) > ''", "email)")]
    [InlineData("SELECT email FROM customers ORDER BY customers.email", "customers.email")]
    [InlineData("SELECT lower(email) FROM customers", "email)")]
    [InlineData("SELECT email || '' AS email FROM customers", "email ||")]
    [InlineData("SELECT email AS contact FROM customers", "email AS")]
    [InlineData("SELECT (SELECT email FROM customers LIMIT 1)", "email FROM")]
    [InlineData("SELECT e FROM (SELECT email AS e FROM customers) s", "email AS")]
    [InlineData("WITH x AS (SELECT email FROM customers) SELECT email FROM x", "email FROM customers")]
    [InlineData("SELECT name FROM people UNION SELECT email FROM customers", "email")]
    [InlineData("SELECT email FROM customers UNION ALL SELECT name FROM people", "email")]
    [InlineData("SELECT id, row_number() OVER (ORDER BY email) FROM customers", "email)")]
    [InlineData("SELECT DISTINCT ON (email) id FROM customers", "email)")]
    public void Using_a_masked_column_anywhere_else_is_rejected(string sql, string fragment)
    {
        AssertRejectedAt("postgres", sql, RuleIds.ColumnMasked, fragment, Qualified);
    }

    [Theory]
    [InlineData("SELECT * FROM (SELECT * FROM customers) s", "* FROM customers")]
    [InlineData("WITH x AS (SELECT * FROM customers) SELECT id FROM x WHERE email = ''", "* FROM customers")]
    [InlineData("SELECT id, name, email FROM people UNION ALL SELECT * FROM customers", "* FROM customers")]
    [InlineData("SELECT id FROM orders WHERE EXISTS (SELECT c.* FROM customers c)", "c.*")]
    [InlineData("SELECT count(*) FROM orders NATURAL JOIN customers", "orders NATURAL JOIN customers")]
    [InlineData("SELECT row_to_json(c) FROM customers c", "c)")]
    [InlineData("SELECT customers FROM customers", "customers FROM")]
    [InlineData("SELECT mail FROM customers AS c(id, name, mail)", "AS c(id, name, mail)")]
    public void Passing_a_masked_column_on_by_star_whole_row_or_renaming_is_rejected(string sql, string fragment)
    {
        AssertRejectedAt("postgres", sql, RuleIds.ColumnMasked, fragment, Qualified);
    }

    [Theory]
    [InlineData("SELECT DISTINCT email FROM customers", "SELECT DISTINCT")]
    [InlineData("SELECT DISTINCT * FROM customers", "SELECT DISTINCT")]
    [InlineData("SELECT id, email FROM customers ORDER BY 2", "2")]
    [InlineData("SELECT email, id FROM customers GROUP BY 1, 2", "1, 2")]
    [InlineData("SELECT * FROM customers ORDER BY 1", "1")]
    [InlineData("TABLE customers ORDER BY 3", "3")]
    [InlineData("SELECT id, email FROM customers GROUP BY ROLLUP (id, 2)", "2)")]
    public void Distinct_and_positional_sorting_over_a_masked_column_are_rejected(string sql, string fragment)
    {
        AssertRejectedAt("postgres", sql, RuleIds.ColumnMasked, fragment, Qualified);
    }

    [Theory]
    [InlineData("mysql", "SELECT id FROM people WHERE `ssn` = '1'", "`ssn`")]
    [InlineData("sqlite", "SELECT id FROM people p ORDER BY p.SSN", "p.SSN")]
    [InlineData("postgres", "SELECT * FROM (SELECT * FROM people) p", "* FROM people")]
    public void A_bare_masked_column_is_masked_in_every_table(string dialect, string sql, string fragment)
    {
        AssertRejectedAt(dialect, sql, RuleIds.ColumnMasked, fragment, Bare);
    }

    [Fact]
    public void The_verdict_names_the_output_columns_to_mask()
    {
        var policy = new SqlPolicy { MaxRows = null, MaskedColumns = Names("customers.email", "public.people.SSN") };

        var verdict = Validate("sqlite", "SELECT * FROM customers", policy);

        Assert.True(verdict.Allowed);
        Assert.Equal(["email", "SSN"], verdict.MaskedOutputColumns);
    }

    [Fact]
    public void A_policy_without_masks_masks_nothing()
    {
        var verdict = Validate("postgres", "SELECT email FROM customers WHERE email = ''");

        Assert.True(verdict.Allowed);
        Assert.Empty(verdict.MaskedOutputColumns);
    }

    [Fact]
    public void The_rejection_explains_itself()
    {
        var verdict = AssertRejected("postgres", "SELECT id FROM customers WHERE email = ''", RuleIds.ColumnMasked, Qualified);

        Assert.Contains("masked column email (customers.email)", verdict.Message, StringComparison.Ordinal);
        Assert.Contains("outermost SELECT", verdict.Message, StringComparison.Ordinal);
    }
}
