namespace Gateway.Audit.Keys;

/// <summary>
/// What a principal may do. <c>reader</c> validates and reads results, <c>analyst</c> asks questions and runs SQL,
/// <c>auditor</c> reads the audit trail, <c>admin</c> implies every other role.
/// </summary>
[Flags]
public enum GatewayRoles
{
    None = 0,
    Reader = 1,
    Analyst = 2,
    Auditor = 4,
    Admin = 8,
}

public static class GatewayRoleNames
{
    private static readonly (string Name, GatewayRoles Role)[] Table =
    [
        ("reader", GatewayRoles.Reader),
        ("analyst", GatewayRoles.Analyst),
        ("auditor", GatewayRoles.Auditor),
        ("admin", GatewayRoles.Admin),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Table.Select(t => t.Name)];

    /// <summary>Parses <c>reader,analyst</c>; false (with the bad name) on an unknown or empty list.</summary>
    public static bool TryParse(string? list, out GatewayRoles roles, out string? unknown)
    {
        roles = GatewayRoles.None;
        unknown = null;
        foreach (var part in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Array.Find(Table, t => string.Equals(t.Name, part, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                unknown = part;
                return false;
            }

            roles |= match.Role;
        }

        return roles != GatewayRoles.None;
    }

    public static IReadOnlyList<string> ToNames(this GatewayRoles roles) =>
        [.. Table.Where(t => roles.HasFlag(t.Role)).Select(t => t.Name)];

    public static string Format(this GatewayRoles roles) => string.Join(',', roles.ToNames());
}
