using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Sql.Tests.Validation;

internal static class ValidatorTestKit
{
    private static readonly SqlValidator Validator = new();

    /// <summary>A policy with no row cap, so that allowed SQL comes back unchanged.</summary>
    public static SqlPolicy Open { get; } = new() { MaxRows = null };

    public static SqlDialectKind Kind(string dialect) =>
        SqlDialectNames.TryParse(dialect, out var kind) ? kind.Value : throw new ArgumentOutOfRangeException(nameof(dialect));

    public static SqlVerdict Validate(string dialect, string sql, SqlPolicy? policy = null) =>
        Validator.Validate(sql, Kind(dialect), policy ?? Open);

    public static void AssertAllowed(string dialect, string sql, SqlPolicy? policy = null)
    {
        var verdict = Validate(dialect, sql, policy);
        Assert.True(verdict.Allowed, $"Expected {dialect} to allow: {sql}\nbut {verdict.Rule}: {verdict.Message} at {verdict.Position} '{verdict.Fragment}'");
    }

    public static SqlVerdict AssertRejected(string dialect, string sql, string rule, SqlPolicy? policy = null)
    {
        var verdict = Validate(dialect, sql, policy);
        Assert.False(verdict.Allowed, $"Expected {dialect} to reject ({rule}): {sql}");
        Assert.True(rule == verdict.Rule, $"Expected rule {rule} but got {verdict.Rule}: {verdict.Message} ({sql})");
        Assert.NotNull(verdict.Position);
        Assert.False(string.IsNullOrEmpty(verdict.Message));
        return verdict;
    }

    /// <summary>Asserts the rejection points at <paramref name="fragment"/> (its first occurrence in <paramref name="sql"/>).</summary>
    public static void AssertRejectedAt(string dialect, string sql, string rule, string fragment, SqlPolicy? policy = null)
    {
        var verdict = AssertRejected(dialect, sql, rule, policy);
        Assert.Equal(sql.IndexOf(fragment, StringComparison.Ordinal), verdict.Position);
        Assert.True(
            fragment.StartsWith(verdict.Fragment!, StringComparison.Ordinal) || verdict.Fragment!.StartsWith(fragment, StringComparison.Ordinal),
            $"Fragment '{verdict.Fragment}' does not match '{fragment}'");
    }

    public static DialectRules Functions(params string[] names) => new()
    {
        DeniedFunctions = names.ToDictionary(n => n, n => new DeniedName(n, "side_effect", "it has side effects"), StringComparer.OrdinalIgnoreCase),
    };

    public static DialectRules Relations(params string[] names) => new()
    {
        ProtectedRelations = names.ToDictionary(n => n, n => new DeniedName(n, "credentials", "it holds credentials"), StringComparer.OrdinalIgnoreCase),
    };

    public static HashSet<string> Names(params string[] names) => new(names, StringComparer.OrdinalIgnoreCase);
}
