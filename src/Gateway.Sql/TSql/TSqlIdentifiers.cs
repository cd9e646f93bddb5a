using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// Identifier values as SQL Server compares them. Name resolution pads with spaces like string comparison, so
/// <c>sys.[sql_logins ]</c> is <c>sys.sql_logins</c>: trailing spaces are dropped before any list is consulted.
/// </summary>
internal static class TSqlIdentifiers
{
    public static string Name(Identifier identifier) => identifier.Value.TrimEnd(' ');

    /// <summary>A missing or empty part (the schema of <c>master..syslogins</c>) is no part at all.</summary>
    public static string? OptionalName(Identifier? identifier) =>
        identifier?.Value.TrimEnd(' ') is { Length: > 0 } name ? name : null;
}
