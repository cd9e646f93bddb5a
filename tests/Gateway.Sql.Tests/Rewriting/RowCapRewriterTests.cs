using Gateway.Sql.Parsing;
using Gateway.Sql.Policy;
using Gateway.Sql.Tests.Lexing;
using static Gateway.Sql.Tests.Validation.ValidatorTestKit;

namespace Gateway.Sql.Tests.Rewriting;

public sealed class RowCapRewriterTests
{
    private static readonly SqlPolicy Capped = new() { MaxRows = 100 };

    public static TheoryData<string, string, string> Cases => new()
    {
        // no limit: append
        { "postgres", "SELECT * FROM t", "SELECT * FROM t LIMIT 100" },
        { "postgres", "SELECT * FROM t;", "SELECT * FROM t LIMIT 100;" },
        { "postgres", "SELECT * FROM t -- all rows", "SELECT * FROM t LIMIT 100 -- all rows" },
        { "postgres", "SELECT *\nFROM t\n/* done */ ;\n", "SELECT *\nFROM t LIMIT 100\n/* done */ ;\n" },
        { "postgres", "  select a  from   t order by a", "  select a  from   t order by a LIMIT 100" },
        { "postgres", "SELECT a FROM t UNION SELECT b FROM u", "SELECT a FROM t UNION SELECT b FROM u LIMIT 100" },
        { "postgres", "(SELECT a FROM t LIMIT 500) UNION ALL (SELECT b FROM u)", "(SELECT a FROM t LIMIT 500) UNION ALL (SELECT b FROM u) LIMIT 100" },
        { "postgres", "WITH x AS (SELECT 1) SELECT * FROM x", "WITH x AS (SELECT 1) SELECT * FROM x LIMIT 100" },
        { "postgres", "VALUES (1), (2)", "VALUES (1), (2) LIMIT 100" },
        { "postgres", "TABLE t", "TABLE t LIMIT 100" },
        { "sqlite", "SELECT * FROM t", "SELECT * FROM t LIMIT 100" },
        { "mysql", "SELECT * FROM t # comment", "SELECT * FROM t LIMIT 100 # comment" },
        // literal limits keep the smaller value
        { "postgres", "SELECT * FROM t LIMIT 10", "SELECT * FROM t LIMIT 10" },
        { "postgres", "SELECT * FROM t LIMIT 100", "SELECT * FROM t LIMIT 100" },
        { "postgres", "SELECT * FROM t LIMIT 5000", "SELECT * FROM t LIMIT 100" },
        { "postgres", "SELECT * FROM t LIMIT 5000 OFFSET 20", "SELECT * FROM t LIMIT 100 OFFSET 20" },
        { "postgres", "SELECT * FROM t OFFSET 20 LIMIT 5000", "SELECT * FROM t OFFSET 20 LIMIT 100" },
        { "postgres", "SELECT * FROM t LIMIT 99999999999999999999999999999", "SELECT * FROM t LIMIT 100" },
        { "postgres", "SELECT * FROM t ORDER BY a FETCH FIRST 5000 ROWS ONLY", "SELECT * FROM t ORDER BY a FETCH FIRST 100 ROWS ONLY" },
        { "postgres", "SELECT * FROM t OFFSET 2 ROWS FETCH NEXT 7 ROWS ONLY", "SELECT * FROM t OFFSET 2 ROWS FETCH NEXT 7 ROWS ONLY" },
        { "postgres", "SELECT * FROM t FETCH FIRST ROW ONLY", "SELECT * FROM t FETCH FIRST ROW ONLY" },
        { "postgres", "SELECT * FROM t LIMIT ALL", "SELECT * FROM t LIMIT 100" },
        { "postgres", "SELECT * FROM t OFFSET 10", "SELECT * FROM t LIMIT 100 OFFSET 10" },
        { "postgres", "SELECT a FROM t UNION SELECT b FROM u LIMIT 500", "SELECT a FROM t UNION SELECT b FROM u LIMIT 100" },
        { "mysql", "SELECT * FROM t LIMIT 20, 5000", "SELECT * FROM t LIMIT 20, 100" },
        { "mysql", "SELECT * FROM t LIMIT 20, 50", "SELECT * FROM t LIMIT 20, 50" },
        { "mysql", "SELECT * FROM t LIMIT 5000 OFFSET 3", "SELECT * FROM t LIMIT 100 OFFSET 3" },
        { "sqlite", "SELECT * FROM t LIMIT 3, 1000", "SELECT * FROM t LIMIT 3, 100" },
        // anything else is wrapped
        { "postgres", "SELECT * FROM t LIMIT $1", "SELECT * FROM (SELECT * FROM t LIMIT $1) AS gateway_capped LIMIT 100" },
        { "postgres", "SELECT * FROM t LIMIT 10 + 10", "SELECT * FROM (SELECT * FROM t LIMIT 10 + 10) AS gateway_capped LIMIT 100" },
        { "postgres", "SELECT * FROM t ORDER BY a FETCH FIRST 5 ROWS WITH TIES;", "SELECT * FROM (SELECT * FROM t ORDER BY a FETCH FIRST 5 ROWS WITH TIES) AS gateway_capped LIMIT 100;" },
        { "postgres", "SELECT * FROM t LIMIT 1e3 -- x", "SELECT * FROM (SELECT * FROM t LIMIT 1e3) AS gateway_capped LIMIT 100 -- x" },
        { "mysql", "SELECT * FROM t LIMIT ?", "SELECT * FROM (SELECT * FROM t LIMIT ?) AS gateway_capped LIMIT 100" },
        { "mysql", "SELECT * FROM t LIMIT ?, ?", "SELECT * FROM (SELECT * FROM t LIMIT ?, ?) AS gateway_capped LIMIT 100" },
        { "sqlite", "SELECT * FROM t LIMIT :n", "SELECT * FROM (SELECT * FROM t LIMIT :n) AS gateway_capped LIMIT 100" },
        { "mysql", "SELECT * FROM t /*!99999 WHERE 1 */", "SELECT * FROM (SELECT * FROM t /*!99999 WHERE 1 */) AS gateway_capped LIMIT 100" },
        { "mysql", "SELECT * FROM t /*! LIMIT 5000 */;", "SELECT * FROM (SELECT * FROM t /*! LIMIT 5000 */) AS gateway_capped LIMIT 100;" },
        { "mysql", "SELECT /*! SQL_NO_CACHE */ a FROM t", "SELECT /*! SQL_NO_CACHE */ a FROM t LIMIT 100" },
        { "mysql", "/*!50000 SELECT a FROM t */", "SELECT * FROM (/*!50000 SELECT a FROM t */) AS gateway_capped LIMIT 100" },
        // EXPLAIN returns a plan, not rows
        { "postgres", "EXPLAIN SELECT * FROM t", "EXPLAIN SELECT * FROM t" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Enforces_the_row_cap_in_the_dialects_own_syntax(string dialect, string sql, string expected)
    {
        var verdict = Validate(dialect, sql, Capped);

        Assert.True(verdict.Allowed, verdict.Message);
        Assert.Equal(expected, verdict.Sql);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rewritten_sql_parses_revalidates_and_is_stable(string dialect, string sql, string expected)
    {
        _ = sql;
        var parse = SqlParser.Parse(expected, LexerTestKit.Dialect(dialect));
        Assert.Null(parse.Error);

        var again = Validate(dialect, expected, Capped);

        Assert.True(again.Allowed, again.Message);
        Assert.Equal(expected, again.Sql);
    }

    [Fact]
    public void Without_a_cap_the_sql_passes_unchanged()
    {
        Assert.Equal("SELECT * FROM t LIMIT $1", Validate("postgres", "SELECT * FROM t LIMIT $1", new SqlPolicy { MaxRows = null }).Sql);
    }

    [Fact]
    public void A_zero_cap_is_honoured()
    {
        Assert.Equal("SELECT * FROM t LIMIT 0", Validate("postgres", "SELECT * FROM t LIMIT 10", new SqlPolicy { MaxRows = 0 }).Sql);
    }

    [Fact]
    public void Wrapped_query_keeps_denied_columns_out()
    {
        var policy = new SqlPolicy { MaxRows = 100, DeniedColumns = Names("users.password") };

        var verdict = Validate("postgres", "SELECT id FROM users LIMIT $1", policy);

        Assert.True(verdict.Allowed);
        AssertAllowed("postgres", verdict.Sql!, policy);
    }
}
