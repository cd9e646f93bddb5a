using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.TSql.TSqlCheck;

namespace Gateway.Sql.Tests.TSql;

public sealed class TSqlStatementRulesTests
{
    [Theory]
    [InlineData("SELECT a FROM t")]
    [InlineData("SELECT a FROM t;")]
    [InlineData("SELECT 1 /* ; DROP TABLE t */")]
    [InlineData("SELECT 'DROP TABLE x; --' AS [delete]")]
    [InlineData("WITH c AS (SELECT 1 AS a) SELECT a FROM c")]
    [InlineData("SELECT a, ROW_NUMBER() OVER (PARTITION BY b ORDER BY c) AS rn FROM t")]
    [InlineData("SELECT CAST(a AS nvarchar(10)), N'ü' FROM dbo.t WHERE b IN (SELECT b FROM u)")]
    [InlineData("SELECT a FROM t FOR JSON PATH")]
    [InlineData("SELECT * FROM t WITH (INDEX(ix_a), FORCESEEK)")]
    [InlineData("SELECT a FROM t OPTION (MAXDOP 1, RECOMPILE)")]
    [InlineData("SELECT @@VERSION, GETDATE(), COUNT(*) FROM t")]
    public void Plain_queries_are_allowed(string sql) => AssertAllowed(sql);

    [Theory]
    [InlineData("SELECT 1; DROP TABLE t", 10)]
    [InlineData("SELECT 1 DROP TABLE t", 9)]
    [InlineData("SELECT 1;WAITFOR DELAY '0:0:5'", 9)]
    [InlineData("SELECT 1\nGO\nSELECT 2", 12)]
    [InlineData("SELECT 1; SELECT 2", 10)]
    public void More_than_one_statement_is_rejected_at_the_second(string sql, int position) =>
        AssertRejected(sql, RuleIds.SingleStatement, position);

    [Theory]
    [InlineData("INSERT INTO t VALUES (1)")]
    [InlineData("UPDATE t SET a = 1")]
    [InlineData("DELETE FROM t")]
    [InlineData("MERGE t USING u ON t.a = u.a WHEN MATCHED THEN DELETE;")]
    [InlineData("TRUNCATE TABLE t")]
    [InlineData("BULK INSERT t FROM 'c:\\data.csv'")]
    [InlineData("WITH c AS (SELECT 1 AS a) DELETE FROM t WHERE a IN (SELECT a FROM c)")]
    public void Writes_are_rejected_as_data_change(string sql) => AssertRejected(sql, RuleIds.DataChange, 0);

    [Theory]
    [InlineData("BEGIN TRAN")]
    [InlineData("COMMIT")]
    [InlineData("ROLLBACK TRANSACTION")]
    [InlineData("SAVE TRANSACTION s")]
    public void Transaction_control_is_rejected(string sql) => AssertRejected(sql, RuleIds.TransactionControl, 0);

    [Theory]
    [InlineData("SET NOCOUNT ON")]
    [InlineData("SET TRANSACTION ISOLATION LEVEL READ UNCOMMITTED")]
    [InlineData("SET @a = 1")]
    [InlineData("USE master")]
    [InlineData("DECLARE @a int")]
    [InlineData("EXEC('SELECT 1')")]
    [InlineData("EXECUTE sp_executesql N'SELECT 1'")]
    [InlineData("EXEC xp_cmdshell 'dir'")]
    public void Session_changes_are_rejected(string sql) => AssertRejected(sql, RuleIds.SessionControl, 0);

    [Theory]
    [InlineData("WAITFOR DELAY '0:0:5'")]
    [InlineData("DECLARE c CURSOR FOR SELECT a FROM t")]
    [InlineData("FETCH NEXT FROM c")]
    public void Session_statements_are_rejected(string sql) => AssertRejected(sql, RuleIds.SessionControl, 0);

    [Theory]
    [InlineData("IF 1 = 1 SELECT 1")]
    [InlineData("BEGIN SELECT 1 END")]
    [InlineData("PRINT 'x'")]
    [InlineData("DBCC CHECKDB")]
    [InlineData("KILL 52")]
    public void Other_statements_are_rejected_as_not_a_query(string sql) => AssertRejected(sql, RuleIds.QueryRoot, 0);

    [Theory]
    [InlineData("DROP TABLE t")]
    [InlineData("CREATE TABLE t (a int)")]
    [InlineData("ALTER TABLE t ADD b int")]
    [InlineData("GRANT SELECT ON t TO public")]
    public void Schema_and_permission_changes_are_data_changes(string sql) => AssertRejected(sql, RuleIds.DataChange, 0);

    [Theory]
    [InlineData("SELECT FROM", 7)]
    [InlineData("SELECT a FROM t WHERE", 21)]
    [InlineData("SELECT 'unterminated", 7)]
    public void Syntax_errors_are_rejected_at_the_error_offset(string sql, int position)
    {
        var verdict = Validate(sql);

        Assert.Equal(RuleIds.ParseError, verdict.Rule);
        Assert.Equal(position, verdict.Position);
    }

    [Fact]
    public void Comment_only_input_holds_no_statement() => AssertRejected("-- nothing here", RuleIds.InputEmpty, 0);

    [Fact]
    public void Select_into_is_rejected_at_the_target()
    {
        var verdict = AssertRejected("SELECT a INTO #copy FROM t", RuleIds.SelectInto, 14);

        Assert.Equal("#copy", verdict.Fragment);
    }

    [Fact]
    public void Variable_assignment_is_rejected() => AssertRejected("SELECT @a = name FROM t", RuleIds.SessionControl, 7);

    [Fact]
    public void Querytraceon_is_rejected() => AssertRejected("SELECT a FROM t OPTION (QUERYTRACEON 3604)", RuleIds.SessionControl, 37);

    [Fact]
    public void Long_fragments_are_cut_to_80_characters()
    {
        var sql = "SELECT 1; " + "SELECT " + string.Join(", ", Enumerable.Range(0, 60).Select(i => $"c{i}"));

        var verdict = Validate(sql);

        Assert.Equal(80, verdict.Fragment!.Length);
    }
}
