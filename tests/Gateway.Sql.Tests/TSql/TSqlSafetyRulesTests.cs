using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.TSql.TSqlCheck;

namespace Gateway.Sql.Tests.TSql;

public sealed class TSqlSafetyRulesTests
{
    [Theory]
    [InlineData("SELECT * FROM t WITH (NOLOCK)", 22)]
    [InlineData("SELECT * FROM t WITH (UPDLOCK)", 22)]
    [InlineData("SELECT * FROM t WITH (XLOCK, ROWLOCK)", 22)]
    [InlineData("SELECT * FROM t WITH (HOLDLOCK)", 22)]
    [InlineData("SELECT * FROM t WITH (TABLOCKX)", 22)]
    [InlineData("SELECT * FROM t WITH (READPAST)", 22)]
    [InlineData("SELECT * FROM t WITH (SERIALIZABLE)", 22)]
    [InlineData("SELECT * FROM t (NOLOCK)", 17)]
    [InlineData("SELECT * FROM t WITH (READUNCOMMITTED)", 22)]
    [InlineData("SELECT * FROM t AS a JOIN u WITH (NOLOCK) ON u.id = a.id", 34)]
    [InlineData("WITH c AS (SELECT * FROM t WITH (TABLOCK)) SELECT * FROM c", 33)]
    [InlineData("SELECT a FROM t OPTION (TABLE HINT(t, UPDLOCK))", 38)]
    public void Locking_hints_are_rejected(string sql, int position) => AssertRejected(sql, RuleIds.Locking, position);

    [Theory]
    [InlineData("SELECT * FROM OPENROWSET('SQLNCLI', 'Server=x;Trusted_Connection=yes;', 'SELECT 1') AS r", 14)]
    [InlineData("SELECT * FROM OPENROWSET(BULK 'c:\\secrets.txt', SINGLE_CLOB) AS f", 14)]
    [InlineData("SELECT * FROM OPENDATASOURCE('SQLNCLI', 'Data Source=x').db.dbo.t", 14)]
    [InlineData("SELECT * FROM OPENQUERY(srv, 'SELECT 1')", 14)]
    [InlineData("SELECT * FROM OPENXML(@h, '/root') AS x", 14)]
    [InlineData("SELECT NEXT VALUE FOR dbo.order_seq", 7)]
    [InlineData("SELECT PWDCOMPARE('x', password_hash) FROM t", 7)]
    [InlineData("SELECT LOGINPROPERTY('sa', 'PasswordHash')", 7)]
    [InlineData("SELECT * FROM sys.fn_get_audit_file('c:\\*.sqlaudit', DEFAULT, DEFAULT)", 14)]
    [InlineData("SELECT t.text FROM sys.dm_exec_requests_x r CROSS APPLY sys.dm_exec_sql_text(r.sql_handle) AS t", 56)]
    [InlineData("SELECT dbo.xp_anything()", 7)]
    [InlineData("SELECT [xp_cmdshell ]()", 7)]
    [InlineData("SELECT * FROM ::fn_trace_gettable('c:\\x.trc', DEFAULT)", 14)]
    [InlineData("SELECT (SELECT TOP 1 a FROM OPENQUERY(srv, 'SELECT 1')) AS x", 28)]
    public void Denied_functions_and_rowset_providers_are_rejected(string sql, int position) =>
        AssertRejected(sql, RuleIds.DeniedFunction, position);

    [Fact]
    public void Rowset_providers_are_refused_even_without_a_deny_list()
    {
        var policy = new Gateway.Sql.Policy.SqlPolicy();

        AssertRejected("SELECT * FROM OPENQUERY(srv, 'SELECT 1')", RuleIds.DeniedFunction, 14, policy);
        var verdict = AssertRejected("SELECT NEXT VALUE FOR s", RuleIds.DeniedFunction, 7, policy);
        Assert.Contains("sequence", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_denied_function_is_rejected_by_name_or_qualified_name()
    {
        var policy = Uncapped() with { DeniedFunctions = Names("newid", "dbo.audit") };

        AssertRejected("SELECT NEWID()", RuleIds.DeniedFunction, 7, policy);
        AssertRejected("SELECT dbo.audit(1)", RuleIds.DeniedFunction, 7, policy);
        AssertAllowed("SELECT dbo.other(1)", policy);
    }

    [Theory]
    [InlineData("SELECT name, password_hash FROM sys.sql_logins", 32)]
    [InlineData("SELECT * FROM [sys].[sql_logins]", 14)]
    [InlineData("SELECT * FROM master.sys.server_principals", 14)]
    [InlineData("SELECT * FROM master..syslogins", 14)]
    [InlineData("SELECT * FROM syslogins", 14)]
    [InlineData("SELECT 1 FROM t WHERE EXISTS (SELECT 1 FROM sys.sql_logins)", 44)]
    [InlineData("WITH x AS (SELECT * FROM sys.credentials) SELECT * FROM x", 25)]
    [InlineData("SELECT * FROM sys.[sql_logins ]", 14)]
    [InlineData("SELECT * FROM \"sys\".\"sql_logins\"", 14)]
    [InlineData("SELECT * FROM t CROSS APPLY (SELECT name FROM sys.sql_logins) AS l", 46)]
    public void Credential_catalogs_are_protected(string sql, int position) =>
        AssertRejected(sql, RuleIds.ProtectedRelation, position);

    [Fact]
    public void Linked_server_names_are_rejected() =>
        AssertRejected("SELECT * FROM srv.db.dbo.t", RuleIds.ProtectedRelation, 14);

    [Fact]
    public void A_cte_named_like_a_catalog_is_not_the_catalog() =>
        AssertAllowed("WITH syslogins AS (SELECT 1 AS a) SELECT a FROM syslogins");

    [Fact]
    public void Keywords_in_strings_comments_and_identifiers_are_data()
    {
        AssertAllowed("SELECT 'WAITFOR DELAY' AS [exec], \"drop\" FROM [insert] -- ; DELETE FROM t");
        AssertAllowed("SELECT N'OPENROWSET(''x'')' AS q /* xp_cmdshell */");
    }
}
