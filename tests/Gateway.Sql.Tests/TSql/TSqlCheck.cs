using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Sql.Tests.TSql;

/// <summary>Runs T-SQL through the public validator, as the gateway does.</summary>
internal static class TSqlCheck
{
    public static SqlVerdict Validate(string sql, SqlPolicy? policy = null) =>
        new SqlValidator().Validate(sql, SqlDialectKind.SqlServer, policy ?? SqlPolicyLoader.LoadDefault());

    public static SqlVerdict AssertRejected(string sql, string rule, int position, SqlPolicy? policy = null)
    {
        var verdict = Validate(sql, policy);
        Assert.False(verdict.Allowed, $"expected {rule} for: {sql}");
        Assert.Equal(rule, verdict.Rule);
        Assert.Equal(position, verdict.Position);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Message));
        Assert.NotNull(verdict.Fragment);
        Assert.StartsWith(verdict.Fragment, sql[position..], StringComparison.Ordinal);
        return verdict;
    }

    public static SqlVerdict AssertAllowed(string sql, SqlPolicy? policy = null)
    {
        var verdict = Validate(sql, policy);
        Assert.True(verdict.Allowed, $"rejected {verdict.Rule}: {verdict.Message} for: {sql}");
        Assert.NotNull(verdict.Sql);
        return verdict;
    }

    public static SqlPolicy Uncapped(SqlPolicy? policy = null) => (policy ?? SqlPolicyLoader.LoadDefault()) with { MaxRows = null };

    public static IReadOnlySet<string> Names(params string[] names) => new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
}
