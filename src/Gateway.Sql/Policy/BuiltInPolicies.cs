using System.Reflection;
using Gateway.Sql.Dialects;

namespace Gateway.Sql.Policy;

/// <summary>
/// The policy files shipped inside the assembly (<c>policies/default.yaml</c>, <c>policies/dialects/*.yaml</c>,
/// embedded by Gateway.Sql.csproj) so the gateway works from any directory.
/// </summary>
internal static class BuiltInPolicies
{
    public const string DefaultResource = "Gateway.Sql.Policies.default.yaml";

    public static string DialectResource(SqlDialectKind kind) => $"Gateway.Sql.Policies.dialects.{kind.ToName()}.yaml";

    public static string Read(string resource)
    {
        using var stream = typeof(BuiltInPolicies).Assembly.GetManifestResourceStream(resource)
            ?? throw new PolicyException($"built-in policy '{resource}' is missing from {typeof(BuiltInPolicies).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A composer holding the built-in dialect lists and default policy, ready for a user's layer.</summary>
    public static PolicyComposer Compose()
    {
        var composer = new PolicyComposer();
        foreach (var kind in Enum.GetValues<SqlDialectKind>())
        {
            var resource = DialectResource(kind);
            composer.AddDialect(kind, PolicyDocumentReader.ReadYaml<DialectDocument>(Read(resource), $"built-in {resource}"), $"built-in {resource}");
        }

        return composer.AddPolicy(PolicyDocumentReader.ReadYaml<PolicyDocument>(Read(DefaultResource), $"built-in {DefaultResource}"), $"built-in {DefaultResource}");
    }
}
