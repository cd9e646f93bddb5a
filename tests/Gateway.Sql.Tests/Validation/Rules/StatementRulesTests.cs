using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.Validation.ValidatorTestKit;

namespace Gateway.Sql.Tests.Validation.Rules;

/// <summary>The statement-level rules: one statement, its root a query, no data change, transactions, session, locking, EXPLAIN, INTO.</summary>
public sealed class StatementRulesTests
{
    [Theory]
    [InlineData("postgres", "SELECT 1; SELECT 2", "SELECT 2")]
    [InlineData("postgres", "SELECT 1; DROP TABLE users", "DROP TABLE users")]
    [InlineData("mysql", "SELECT 1; DELETE FROM t", "DELETE FROM t")]
    [InlineData("sqlite", "SELECT 1;SELECT 2;", "SELECT 2")]
    public void Single_statement_rejects_batches_at_the_second_statement(string dialect, string sql, string fragment)
    {
        AssertRejectedAt(dialect, sql, RuleIds.SingleStatement, fragment);
    }

    [Theory]
    [InlineData("postgres", "SELECT 1;")]
    [InlineData("postgres", "SELECT 1 ; -- done")]
    [InlineData("mysql", "SELECT 1;;")]
    public void Single_statement_allows_a_trailing_semicolon(string dialect, string sql)
    {
        AssertAllowed(dialect, sql);
    }

    [Theory]
    [InlineData("postgres", "SELECT 'a;b'")]
    [InlineData("postgres", "SELECT $$;$$")]
    [InlineData("mysql", "SELECT 1 # ; DROP TABLE t")]
    [InlineData("postgres", "SELECT 1 /* ; DROP TABLE t */")]
    public void Single_statement_ignores_semicolons_in_strings_and_comments(string dialect, string sql)
    {
        AssertAllowed(dialect, sql);
    }

    [Theory]
    [InlineData("postgres", "CREATE TABLE t (a int)")]
    [InlineData("postgres", "ALTER TABLE t ADD COLUMN b int")]
    [InlineData("postgres", "DROP TABLE t")]
    [InlineData("postgres", "GRANT ALL ON t TO public")]
    [InlineData("postgres", "REVOKE ALL ON t FROM public")]
    [InlineData("postgres", "VACUUM")]
    [InlineData("postgres", "ANALYZE t")]
    [InlineData("postgres", "REFRESH MATERIALIZED VIEW v")]
    [InlineData("mysql", "SHOW TABLES")]
    [InlineData("mysql", "DESCRIBE users")]
    [InlineData("mysql", "EXPLAIN users")]
    [InlineData("mysql", "OPTIMIZE TABLE t")]
    [InlineData("mysql", "KILL 12")]
    [InlineData("mysql", "FLUSH PRIVILEGES")]
    [InlineData("sqlite", "REINDEX t")]
    public void Query_root_rejects_statements_that_are_not_queries(string dialect, string sql)
    {
        AssertRejectedAt(dialect, sql, RuleIds.QueryRoot, sql.Split(' ')[0]);
    }

    [Theory]
    [InlineData("postgres", "INSERT INTO t VALUES (1)")]
    [InlineData("postgres", "UPDATE t SET a = 1")]
    [InlineData("postgres", "DELETE FROM t")]
    [InlineData("postgres", "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE")]
    [InlineData("postgres", "TRUNCATE t")]
    [InlineData("postgres", "COPY t FROM '/etc/passwd'")]
    [InlineData("mysql", "REPLACE INTO t VALUES (1)")]
    [InlineData("sqlite", "INSERT OR REPLACE INTO t VALUES (1)")]
    public void No_data_change_rejects_dml_statements(string dialect, string sql)
    {
        AssertRejectedAt(dialect, sql, RuleIds.DataChange, sql.Split(' ')[0]);
    }

    [Theory]
    [InlineData("postgres", "WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "DELETE FROM t")]
    [InlineData("postgres", "WITH i AS (INSERT INTO t VALUES (1) RETURNING id) SELECT id FROM i", "INSERT INTO t")]
    [InlineData("postgres", "WITH u AS (UPDATE t SET a = 1 RETURNING a) SELECT a FROM u", "UPDATE t")]
    [InlineData("postgres", "WITH x AS (SELECT 1) DELETE FROM t", "DELETE FROM t")]
    [InlineData("postgres", "SELECT * FROM (SELECT 1) s WHERE EXISTS (WITH d AS (DELETE FROM t RETURNING 1) SELECT 1 FROM d)", "DELETE FROM t")]
    [InlineData("postgres", "EXPLAIN DELETE FROM t", "DELETE FROM t")]
    [InlineData("mysql", "WITH x AS (SELECT 1) UPDATE t SET a = 1", "UPDATE t")]
    public void No_data_change_rejects_dml_anywhere_in_the_tree(string dialect, string sql, string fragment)
    {
        AssertRejectedAt(dialect, sql, RuleIds.DataChange, fragment);
    }

    [Theory]
    [InlineData("postgres", "BEGIN")]
    [InlineData("postgres", "COMMIT")]
    [InlineData("postgres", "ROLLBACK")]
    [InlineData("postgres", "END")]
    [InlineData("postgres", "ABORT")]
    [InlineData("postgres", "SAVEPOINT s")]
    [InlineData("postgres", "RELEASE SAVEPOINT s")]
    [InlineData("mysql", "START TRANSACTION")]
    [InlineData("mysql", "XA START 'x'")]
    [InlineData("sqlite", "BEGIN IMMEDIATE")]
    public void Transaction_control_is_rejected(string dialect, string sql)
    {
        AssertRejectedAt(dialect, sql, RuleIds.TransactionControl, sql.Split(' ')[0]);
    }

    [Theory]
    [InlineData("postgres", "SET search_path = evil")]
    [InlineData("postgres", "SET ROLE admin")]
    [InlineData("postgres", "RESET ALL")]
    [InlineData("postgres", "DO $$ BEGIN PERFORM 1; END $$")]
    [InlineData("postgres", "PREPARE p AS SELECT 1")]
    [InlineData("postgres", "EXECUTE p")]
    [InlineData("postgres", "DEALLOCATE p")]
    [InlineData("postgres", "LISTEN ch")]
    [InlineData("postgres", "NOTIFY ch")]
    [InlineData("postgres", "LOAD 'auto_explain'")]
    [InlineData("postgres", "DECLARE c CURSOR FOR SELECT 1")]
    [InlineData("postgres", "DISCARD ALL")]
    [InlineData("mysql", "SET @a = 1")]
    [InlineData("mysql", "USE mysql")]
    [InlineData("mysql", "CALL proc()")]
    [InlineData("mysql", "DO SLEEP(5)")]
    [InlineData("mysql", "HANDLER t OPEN")]
    [InlineData("sqlite", "PRAGMA writable_schema = ON")]
    [InlineData("sqlite", "ATTACH DATABASE '/tmp/x.db' AS x")]
    [InlineData("sqlite", "DETACH DATABASE x")]
    public void Session_control_is_rejected(string dialect, string sql)
    {
        AssertRejectedAt(dialect, sql, RuleIds.SessionControl, sql.Split(' ')[0]);
    }

    [Theory]
    [InlineData("SELECT @a := 1", "@a := 1")]
    [InlineData("SELECT id FROM t WHERE (@n := @n + 1) > 0", "@n := @n + 1")]
    [InlineData("SELECT 1 /*! , @x := 2 */", "@x := 2")]
    public void Session_control_rejects_mysql_variable_assignment(string sql, string fragment)
    {
        AssertRejectedAt("mysql", sql, RuleIds.SessionControl, fragment);
    }

    [Fact]
    public void Session_control_allows_reading_variables()
    {
        AssertAllowed("mysql", "SELECT @a, @@version, @a = 1");
    }

    [Theory]
    [InlineData("postgres", "SELECT * FROM t FOR UPDATE", "FOR UPDATE")]
    [InlineData("postgres", "SELECT * FROM t FOR SHARE", "FOR SHARE")]
    [InlineData("postgres", "SELECT * FROM t FOR NO KEY UPDATE NOWAIT", "FOR NO KEY UPDATE")]
    [InlineData("postgres", "SELECT * FROM t FOR KEY SHARE OF t SKIP LOCKED", "FOR KEY SHARE")]
    [InlineData("postgres", "SELECT * FROM (SELECT * FROM t FOR UPDATE) s", "FOR UPDATE")]
    [InlineData("mysql", "SELECT * FROM t LOCK IN SHARE MODE", "LOCK IN SHARE MODE")]
    [InlineData("mysql", "SELECT * FROM t FOR UPDATE", "FOR UPDATE")]
    [InlineData("mysql", "LOCK TABLES t READ", "LOCK TABLES")]
    [InlineData("mysql", "UNLOCK TABLES", "UNLOCK")]
    [InlineData("postgres", "LOCK TABLE t IN ACCESS EXCLUSIVE MODE", "LOCK TABLE")]
    public void Locking_is_rejected(string dialect, string sql, string fragment)
    {
        AssertRejectedAt(dialect, sql, RuleIds.Locking, fragment);
    }

    [Theory]
    [InlineData("postgres", "EXPLAIN SELECT * FROM t")]
    [InlineData("postgres", "EXPLAIN (FORMAT JSON) SELECT * FROM t")]
    [InlineData("postgres", "EXPLAIN VERBOSE SELECT 1")]
    [InlineData("mysql", "EXPLAIN SELECT * FROM t")]
    [InlineData("mysql", "EXPLAIN FORMAT=TREE SELECT * FROM t")]
    [InlineData("sqlite", "EXPLAIN QUERY PLAN SELECT * FROM t")]
    public void Plain_explain_of_a_query_is_allowed(string dialect, string sql)
    {
        AssertAllowed(dialect, sql);
    }

    [Theory]
    [InlineData("postgres", "EXPLAIN ANALYZE SELECT 1")]
    [InlineData("postgres", "EXPLAIN ANALYSE SELECT 1")]
    [InlineData("postgres", "EXPLAIN (ANALYZE) SELECT 1")]
    [InlineData("postgres", "EXPLAIN (ANALYZE false) SELECT 1")]
    [InlineData("postgres", "EXPLAIN (FORMAT JSON, ANALYZE TRUE) SELECT 1")]
    [InlineData("mysql", "EXPLAIN ANALYZE SELECT 1")]
    public void Explain_analyze_is_rejected(string dialect, string sql)
    {
        AssertRejectedAt(dialect, sql, RuleIds.ExplainAnalyze, "EXPLAIN");
    }

    [Fact]
    public void Explain_of_a_rejected_query_is_rejected_by_that_query_rule()
    {
        AssertRejected("postgres", "EXPLAIN SELECT pg_sleep(1)", RuleIds.DeniedFunction,
            new Gateway.Sql.Policy.SqlPolicy { MaxRows = null, Dialects = new Dictionary<Gateway.Sql.Dialects.SqlDialectKind, Gateway.Sql.Policy.DialectRules> { [Gateway.Sql.Dialects.SqlDialectKind.Postgres] = Functions("pg_sleep") } });
    }

    [Theory]
    [InlineData("postgres", "SELECT * INTO newtable FROM t", "INTO newtable")]
    [InlineData("postgres", "SELECT * INTO TEMP TABLE x FROM t", "INTO TEMP")]
    [InlineData("mysql", "SELECT * FROM t INTO OUTFILE '/tmp/x'", "INTO OUTFILE")]
    [InlineData("mysql", "SELECT * FROM t INTO DUMPFILE '/tmp/x'", "INTO DUMPFILE")]
    [InlineData("mysql", "SELECT a INTO @x FROM t", "INTO @x")]
    [InlineData("mysql", "SELECT a FROM t INTO @x", "INTO @x")]
    [InlineData("mysql", "SELECT a FROM t /*!50000 INTO OUTFILE '/tmp/x' */", "INTO OUTFILE")]
    public void Select_into_is_rejected(string dialect, string sql, string fragment)
    {
        AssertRejectedAt(dialect, sql, RuleIds.SelectInto, fragment);
    }
}
