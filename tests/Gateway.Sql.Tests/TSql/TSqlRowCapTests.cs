using Gateway.Sql.Policy;
using static Gateway.Sql.Tests.TSql.TSqlCheck;

namespace Gateway.Sql.Tests.TSql;

public sealed class TSqlRowCapTests
{
    private static readonly SqlPolicy CapOf100 = SqlPolicyLoader.LoadDefault() with { MaxRows = 100 };

    [Theory]
    [InlineData("SELECT a FROM t", "SELECT TOP (100) a FROM t")]
    [InlineData("select a from t", "select TOP (100) a from t")]
    [InlineData("SELECT DISTINCT a FROM t", "SELECT DISTINCT TOP (100) a FROM t")]
    [InlineData("SELECT ALL a FROM t", "SELECT ALL TOP (100) a FROM t")]
    [InlineData("SELECT /* note */ DISTINCT a FROM t", "SELECT /* note */ DISTINCT TOP (100) a FROM t")]
    [InlineData("SELECT 1", "SELECT TOP (100) 1")]
    [InlineData("SELECT a FROM t ORDER BY a", "SELECT TOP (100) a FROM t ORDER BY a")]
    [InlineData("WITH c AS (SELECT a FROM t) SELECT a FROM c", "WITH c AS (SELECT a FROM t) SELECT TOP (100) a FROM c")]
    public void Adds_top_after_select_when_there_is_none(string sql, string expected) =>
        Assert.Equal(expected, AssertAllowed(sql, CapOf100).Sql);

    [Theory]
    [InlineData("SELECT TOP 5 a FROM t", "SELECT TOP 5 a FROM t")]
    [InlineData("SELECT TOP (100) a FROM t", "SELECT TOP (100) a FROM t")]
    [InlineData("SELECT TOP 5000 a FROM t", "SELECT TOP 100 a FROM t")]
    [InlineData("SELECT TOP (5000) a FROM t", "SELECT TOP (100) a FROM t")]
    [InlineData("SELECT TOP ((5000)) a FROM t", "SELECT TOP ((100)) a FROM t")]
    public void Literal_top_keeps_the_smaller_count(string sql, string expected) =>
        Assert.Equal(expected, AssertAllowed(sql, CapOf100).Sql);

    [Theory]
    [InlineData("SELECT TOP 10 PERCENT a FROM t ORDER BY a")]
    [InlineData("SELECT TOP 5 WITH TIES a FROM t ORDER BY a")]
    [InlineData("SELECT TOP (SELECT COUNT(*) FROM u) a FROM t")]
    [InlineData("SELECT TOP 99999999999999999999 a FROM t")]
    public void Percent_ties_or_computed_top_is_wrapped(string sql) =>
        Assert.Equal($"SELECT TOP (100) * FROM ({sql}) AS gateway_capped", AssertAllowed(sql, CapOf100).Sql);

    [Theory]
    [InlineData("SELECT a FROM t ORDER BY a OFFSET 10 ROWS", "SELECT a FROM t ORDER BY a OFFSET 10 ROWS FETCH NEXT 100 ROWS ONLY")]
    [InlineData("SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY", "SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY")]
    [InlineData("SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH FIRST 500 ROWS ONLY", "SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH FIRST 100 ROWS ONLY")]
    public void Offset_fetch_uses_the_smaller_fetch(string sql, string expected) =>
        Assert.Equal(expected, AssertAllowed(sql, CapOf100).Sql);

    [Fact]
    public void Computed_fetch_is_wrapped()
    {
        const string sql = "SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH NEXT (SELECT 5) ROWS ONLY";

        Assert.Equal($"SELECT TOP (100) * FROM ({sql}) AS gateway_capped", AssertAllowed(sql, CapOf100).Sql);
    }

    [Theory]
    [InlineData("SELECT a FROM t UNION SELECT b FROM u", "SELECT TOP (100) * FROM (SELECT a FROM t UNION SELECT b FROM u) AS gateway_capped")]
    [InlineData("(SELECT a FROM t)", "SELECT TOP (100) * FROM ((SELECT a FROM t)) AS gateway_capped")]
    [InlineData("WITH c AS (SELECT 1 AS a) SELECT a FROM c EXCEPT SELECT 2 OPTION (MAXDOP 1)",
        "WITH c AS (SELECT 1 AS a) SELECT TOP (100) * FROM (SELECT a FROM c EXCEPT SELECT 2) AS gateway_capped OPTION (MAXDOP 1)")]
    public void Set_operations_at_the_root_are_wrapped(string sql, string expected) =>
        Assert.Equal(expected, AssertAllowed(sql, CapOf100).Sql);

    [Fact]
    public void Ordered_set_operation_gets_offset_fetch_so_its_order_by_stays_legal() =>
        Assert.Equal(
            "SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY a OFFSET 0 ROWS FETCH NEXT 100 ROWS ONLY",
            AssertAllowed("SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY a", CapOf100).Sql);

    [Fact]
    public void Only_the_outermost_query_is_capped() =>
        Assert.Equal(
            "SELECT TOP (100) a FROM (SELECT a FROM t) x WHERE a IN (SELECT b FROM u)",
            AssertAllowed("SELECT a FROM (SELECT a FROM t) x WHERE a IN (SELECT b FROM u)", CapOf100).Sql);

    [Fact]
    public void No_cap_leaves_the_text_unchanged()
    {
        const string sql = "SELECT a FROM t UNION SELECT b FROM u";

        Assert.Equal(sql, AssertAllowed(sql, Uncapped()).Sql);
    }

    [Theory]
    [InlineData("SELECT a FROM t")]
    [InlineData("SELECT DISTINCT a FROM t")]
    [InlineData("SELECT TOP 5000 a FROM t")]
    [InlineData("SELECT TOP 10 PERCENT a FROM t ORDER BY a")]
    [InlineData("SELECT a FROM t ORDER BY a OFFSET 10 ROWS")]
    [InlineData("SELECT a FROM t UNION SELECT b FROM u")]
    [InlineData("SELECT a FROM t UNION SELECT b FROM u ORDER BY a")]
    [InlineData("WITH c AS (SELECT 1 AS a) SELECT a FROM c INTERSECT SELECT 1")]
    public void Rewritten_sql_validates_again_unchanged(string sql)
    {
        var once = AssertAllowed(sql, CapOf100).Sql!;

        var twice = AssertAllowed(once, CapOf100).Sql;

        Assert.Equal(once, twice);
    }
}
