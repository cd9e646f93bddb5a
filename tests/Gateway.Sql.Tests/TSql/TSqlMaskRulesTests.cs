using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.TSql.TSqlCheck;

namespace Gateway.Sql.Tests.TSql;

public sealed class TSqlMaskRulesTests
{
    private static readonly SqlPolicy Policy = Uncapped() with { MaskedColumns = Names("customers.email") };

    private static void AssertMaskedAt(string sql, string fragment, SqlPolicy? policy = null) =>
        AssertRejected(sql, RuleIds.ColumnMasked, sql.IndexOf(fragment, StringComparison.Ordinal), policy ?? Policy);

    [Theory]
    [InlineData("SELECT email FROM customers")]
    [InlineData("SELECT TOP (5) c.id, c.email FROM dbo.customers AS c WHERE c.id > 3 ORDER BY c.name")]
    [InlineData("SELECT email AS Email FROM customers")]
    [InlineData("SELECT email = email FROM customers")]
    [InlineData("SELECT * FROM customers")]
    [InlineData("SELECT c.*, o.id FROM customers c JOIN orders o ON o.customer_id = c.id")]
    [InlineData("SELECT name, email FROM customers ORDER BY 1")]
    [InlineData("SELECT email FROM orders WHERE email LIKE 'a%'")]
    [InlineData("SELECT COUNT(*) FROM customers")]
    public void A_masked_column_may_be_returned_as_a_plain_outermost_column(string sql) => AssertAllowed(sql, Policy);

    [Theory]
    [InlineData("SELECT id FROM customers WHERE email = 'a@b.c'", "email =")]
    [InlineData("SELECT c.id FROM customers c JOIN orders o ON o.note = c.email", "c.email")]
    [InlineData("SELECT c.email, COUNT(*) FROM customers c GROUP BY customers.email", "customers.email")]
    [InlineData("SELECT email FROM customers ORDER BY customers.email", "customers.email")]
    [InlineData("SELECT LOWER(email) FROM customers", "email)")]
    [InlineData("SELECT email AS contact FROM customers", "email AS")]
    [InlineData("SELECT contact = email FROM customers", "email FROM")]
    [InlineData("SELECT (SELECT TOP 1 email FROM customers)", "email FROM")]
    [InlineData("SELECT x.e FROM (SELECT email AS e FROM customers) x", "email AS")]
    [InlineData("WITH x AS (SELECT email FROM customers) SELECT email FROM x", "email FROM customers")]
    [InlineData("SELECT name FROM people UNION SELECT email FROM customers", "email")]
    [InlineData("SELECT email FROM customers UNION ALL SELECT name FROM people", "email")]
    [InlineData("SELECT id, ROW_NUMBER() OVER (ORDER BY email) FROM customers", "email)")]
    [InlineData("SELECT v.x FROM customers CROSS APPLY (VALUES (email)) v(x)", "email)")]
    public void Using_a_masked_column_anywhere_else_is_rejected(string sql, string fragment) => AssertMaskedAt(sql, fragment);

    [Theory]
    [InlineData("SELECT * FROM (SELECT * FROM customers) x", "* FROM customers")]
    [InlineData("WITH x AS (SELECT * FROM customers) SELECT id FROM x WHERE email = ''", "* FROM customers")]
    [InlineData("SELECT id FROM orders WHERE EXISTS (SELECT c.* FROM customers c)", "c.*")]
    [InlineData("SELECT CHECKSUM(*) FROM customers", "CHECKSUM(*)")]
    public void Passing_a_masked_column_on_through_a_star_is_rejected(string sql, string fragment) => AssertMaskedAt(sql, fragment);

    [Theory]
    [InlineData("SELECT DISTINCT email FROM customers", "SELECT DISTINCT")]
    [InlineData("SELECT id, email FROM customers ORDER BY 2", "2")]
    [InlineData("SELECT * FROM customers ORDER BY 1", "1")]
    [InlineData("SELECT email FROM customers FOR JSON PATH", "FOR JSON")]
    [InlineData("SELECT * FROM customers FOR XML AUTO", "FOR XML")]
    public void Distinct_positional_sorting_and_for_clauses_over_a_masked_column_are_rejected(string sql, string fragment) =>
        AssertMaskedAt(sql, fragment);

    [Fact]
    public void A_bare_masked_column_is_masked_in_every_table() =>
        AssertMaskedAt("SELECT id FROM people p ORDER BY p.ssn", "p.ssn", Uncapped() with { MaskedColumns = Names("ssn") });

    [Fact]
    public void The_verdict_names_the_output_columns_to_mask()
    {
        var verdict = AssertAllowed("SELECT * FROM customers", Policy);

        Assert.Equal(["email"], verdict.MaskedOutputColumns);
    }
}
