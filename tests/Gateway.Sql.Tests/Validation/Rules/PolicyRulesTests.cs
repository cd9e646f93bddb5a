using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.Validation.ValidatorTestKit;

namespace Gateway.Sql.Tests.Validation.Rules;

/// <summary>The policy rules: denied functions, protected relations, table allow/deny lists.</summary>
public sealed class PolicyRulesTests
{
    private static SqlPolicy WithDialect(string dialect, DialectRules rules) =>
        new() { MaxRows = null, Dialects = new Dictionary<SqlDialectKind, DialectRules> { [Kind(dialect)] = rules } };

    private static readonly SqlPolicy PostgresFunctions = WithDialect("postgres", Functions("pg_sleep", "pg_catalog.pg_read_file", "dblink", "set_config"));
    private static readonly SqlPolicy MySqlFunctions = WithDialect("mysql", Functions("sleep", "benchmark", "load_file"));
    private static readonly SqlPolicy SqliteFunctions = WithDialect("sqlite", Functions("load_extension", "pragma_table_info"));

    [Theory]
    [InlineData("SELECT pg_sleep(10)", "pg_sleep(10)")]
    [InlineData("SELECT PG_SLEEP(10)", "PG_SLEEP(10)")]
    [InlineData("SELECT pg_catalog.pg_sleep(1)", "pg_catalog.pg_sleep(1)")]
    [InlineData("SELECT \"pg_sleep\"(1)", "\"pg_sleep\"(1)")]
    [InlineData("SELECT U&\"pg\\005fsleep\"(1)", "U&\"pg\\005fsleep\"(1)")]
    [InlineData("SELECT pg_catalog.pg_read_file('/etc/passwd')", "pg_catalog.pg_read_file")]
    [InlineData("SELECT * FROM dblink('host=x', 'select 1') AS t(a int)", "dblink(")]
    [InlineData("SELECT 1 FROM t WHERE x IN (SELECT pg_sleep(1))", "pg_sleep(1)")]
    [InlineData("SELECT count(*) FILTER (WHERE set_config('a', 'b', false) IS NOT NULL) FROM t", "set_config(")]
    [InlineData("SELECT CASE WHEN true THEN pg_sleep(1) END", "pg_sleep(1)")]
    [InlineData("WITH x AS (SELECT pg_sleep(1)) SELECT * FROM x", "pg_sleep(1)")]
    [InlineData("SELECT 1 ORDER BY pg_sleep(1)", "pg_sleep(1)")]
    public void Denied_function_is_found_anywhere_in_postgres(string sql, string fragment)
    {
        AssertRejectedAt("postgres", sql, RuleIds.DeniedFunction, fragment, PostgresFunctions);
    }

    [Fact]
    public void Qualified_deny_entry_does_not_match_other_schemas_bare_call()
    {
        AssertAllowed("postgres", "SELECT pg_read_file('x')", PostgresFunctions);
    }

    [Theory]
    [InlineData("SELECT SLEEP(5)", "SLEEP(5)")]
    [InlineData("SELECT SLEEP (5)", "SLEEP (5)")]
    [InlineData("SELECT 1 /*!50000 , sleep(5) */", "sleep(5)")]
    [InlineData("SELECT BENCHMARK(1000000, MD5('x'))", "BENCHMARK(")]
    [InlineData("SELECT LOAD_FILE('/etc/passwd')", "LOAD_FILE(")]
    public void Denied_function_is_found_in_mysql(string sql, string fragment)
    {
        AssertRejectedAt("mysql", sql, RuleIds.DeniedFunction, fragment, MySqlFunctions);
    }

    [Theory]
    [InlineData("SELECT load_extension('x')", "load_extension(")]
    [InlineData("SELECT * FROM pragma_table_info('users')", "pragma_table_info(")]
    public void Denied_function_is_found_in_sqlite(string sql, string fragment)
    {
        AssertRejectedAt("sqlite", sql, RuleIds.DeniedFunction, fragment, SqliteFunctions);
    }

    [Fact]
    public void Policy_wide_denied_functions_apply_to_every_dialect()
    {
        var policy = new SqlPolicy { MaxRows = null, DeniedFunctions = Names("md5", "public.secret_fn") };

        AssertRejectedAt("postgres", "SELECT md5(name) FROM t", RuleIds.DeniedFunction, "md5(name)", policy);
        AssertRejectedAt("sqlite", "SELECT MD5(name) FROM t", RuleIds.DeniedFunction, "MD5(name)", policy);
        AssertRejectedAt("postgres", "SELECT public.secret_fn()", RuleIds.DeniedFunction, "public.secret_fn()", policy);
        AssertAllowed("postgres", "SELECT lower(name) FROM t", policy);
    }

    [Fact]
    public void Allowed_functions_pass()
    {
        AssertAllowed("postgres", "SELECT now(), lower(name), count(*) FROM t GROUP BY 2", PostgresFunctions);
    }

    [Theory]
    [InlineData("postgres", "SELECT rolpassword FROM pg_authid", "pg_authid")]
    [InlineData("postgres", "SELECT * FROM pg_catalog.pg_authid", "pg_catalog.pg_authid")]
    [InlineData("postgres", "SELECT 1 FROM t WHERE EXISTS (SELECT 1 FROM pg_shadow)", "pg_shadow")]
    [InlineData("postgres", "TABLE pg_authid", "pg_authid")]
    [InlineData("postgres", "SELECT * FROM t JOIN pg_authid a ON true", "pg_authid")]
    [InlineData("mysql", "SELECT authentication_string FROM mysql.user", "mysql.user")]
    [InlineData("mysql", "SELECT * FROM `mysql`.`user`", "`mysql`.`user`")]
    [InlineData("sqlite", "SELECT * FROM t WHERE x IN pg_authid", "pg_authid")]
    public void Protected_relations_are_rejected(string dialect, string sql, string fragment)
    {
        var policy = WithDialect(dialect, Relations("pg_authid", "pg_shadow", "mysql.user"));

        AssertRejectedAt(dialect, sql, RuleIds.ProtectedRelation, fragment, policy);
    }

    [Fact]
    public void Qualified_protected_relation_does_not_match_an_ordinary_table_of_the_same_name()
    {
        AssertAllowed("mysql", "SELECT * FROM app.user", WithDialect("mysql", Relations("mysql.user")));
    }

    [Theory]
    [InlineData("SELECT * FROM secrets", "secrets")]
    [InlineData("SELECT * FROM public.secrets", "public.secrets")]
    [InlineData("SELECT * FROM orders o JOIN secrets s ON o.id = s.id", "secrets")]
    [InlineData("SELECT * FROM orders WHERE id IN (SELECT id FROM secrets)", "secrets")]
    [InlineData("SELECT * FROM (SELECT * FROM secrets) s", "secrets")]
    [InlineData("WITH s AS (SELECT * FROM secrets) SELECT * FROM s", "secrets")]
    [InlineData("WITH secrets AS (SELECT * FROM secrets) SELECT * FROM secrets", "secrets)")]
    [InlineData("SELECT * FROM hr.salaries", "hr.salaries")]
    [InlineData("SELECT * FROM salaries", "salaries")]
    public void Denied_tables_are_rejected(string sql, string fragment)
    {
        var policy = new SqlPolicy { MaxRows = null, DeniedTables = Names("secrets", "hr.salaries") };

        AssertRejectedAt("postgres", sql, RuleIds.TableDenied, fragment, policy);
    }

    [Fact]
    public void Cte_names_are_not_tables()
    {
        var policy = new SqlPolicy { MaxRows = null, DeniedTables = Names("secrets"), AllowedTables = Names("orders") };

        AssertAllowed("postgres", "WITH secrets AS (SELECT id FROM orders) SELECT id FROM secrets", policy);
        AssertAllowed("postgres", "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r", policy);
    }

    [Fact]
    public void A_cte_is_not_visible_to_the_ctes_before_it()
    {
        var policy = new SqlPolicy { MaxRows = null, DeniedTables = Names("b") };

        AssertRejected("postgres", "WITH a AS (SELECT * FROM b), b AS (SELECT 1) SELECT * FROM a", RuleIds.TableDenied, policy);
    }

    [Fact]
    public void Qualified_names_are_never_ctes()
    {
        var policy = new SqlPolicy { MaxRows = null, DeniedTables = Names("public.secrets") };

        AssertRejected("postgres", "WITH secrets AS (SELECT 1) SELECT * FROM public.secrets", RuleIds.TableDenied, policy);
    }

    [Theory]
    [InlineData("SELECT * FROM orders")]
    [InlineData("SELECT * FROM public.orders")]
    [InlineData("SELECT * FROM Orders o JOIN customers c ON o.cid = c.id")]
    [InlineData("WITH x AS (SELECT * FROM orders) SELECT * FROM x")]
    [InlineData("SELECT 1")]
    [InlineData("SELECT * FROM generate_series(1, 3)")]
    public void Allow_list_admits_listed_tables(string sql)
    {
        var policy = new SqlPolicy { MaxRows = null, AllowedTables = Names("orders", "public.customers") };

        AssertAllowed("postgres", sql, policy);
    }

    [Theory]
    [InlineData("SELECT * FROM users", "users")]
    [InlineData("SELECT * FROM orders JOIN users ON true", "users")]
    [InlineData("SELECT * FROM other.customers", "other.customers")]
    [InlineData("SELECT (SELECT max(id) FROM users) FROM orders", "users")]
    public void Allow_list_rejects_everything_else(string sql, string fragment)
    {
        var policy = new SqlPolicy { MaxRows = null, AllowedTables = Names("orders", "public.customers") };

        AssertRejectedAt("postgres", sql, RuleIds.TableNotAllowed, fragment, policy);
    }

    [Fact]
    public void Allow_list_assumes_the_default_schema_for_unqualified_names()
    {
        var policy = new SqlPolicy { MaxRows = null, AllowedTables = Names("main.orders") };

        AssertAllowed("sqlite", "SELECT * FROM orders", policy);
        AssertRejected("mysql", "SELECT * FROM orders", RuleIds.TableNotAllowed, policy);
    }
}
