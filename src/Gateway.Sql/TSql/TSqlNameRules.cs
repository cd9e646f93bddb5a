using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>Deny-list checks for functions and relations, and the table allow/deny lists, for one policy.</summary>
internal sealed class TSqlNameRules(SqlPolicy policy)
{
    private readonly DialectRules _rules = policy.For(SqlDialectKind.SqlServer);
    private readonly string[][] _deniedTables = Split(policy.DeniedTables);
    private readonly string[][] _allowedTables = Split(policy.AllowedTables);

    public TSqlViolation? CheckFunction(string? schema, string name, TSqlFragment node)
    {
        if (_rules.FindFunction(schema, name) is { } denied)
        {
            return new(RuleIds.DeniedFunction, $"The function {name} is denied ({denied.Category}): {denied.Reason}.", node);
        }

        if (policy.DeniedFunctions.Contains(name) || (schema is not null && policy.DeniedFunctions.Contains($"{schema}.{name}")))
        {
            return new(RuleIds.DeniedFunction, $"The function {name} is denied by the policy.", node);
        }

        return null;
    }

    /// <summary>
    /// Rowset providers and sequence access have no safe use in a read-only query, so they are refused even when a
    /// deployment's list omits them; the list only supplies the wording.
    /// </summary>
    public TSqlViolation AlwaysDenied(DeniedName builtIn, TSqlFragment node)
    {
        var denied = _rules.FindFunction(null, builtIn.Name) ?? builtIn;
        return new(RuleIds.DeniedFunction, $"{builtIn.Name.ToUpperInvariant()} is denied ({denied.Category}): {denied.Reason}.", node);
    }

    public TSqlViolation? CheckTable(TSqlTableRef table)
    {
        var node = table.Node;
        if (node.SchemaObject.ServerIdentifier is not null)
        {
            return new(RuleIds.ProtectedRelation, $"{Display(table)} names the linked server {node.SchemaObject.ServerIdentifier.Value}; queries may not reach other servers.", node);
        }

        if (_rules.FindRelation(table.Schema, table.Name) is { } denied)
        {
            return new(RuleIds.ProtectedRelation, $"The relation {Display(table)} is protected ({denied.Category}): {denied.Reason}.", node);
        }

        if (MatchesAny(_deniedTables, table, forAllowList: false))
        {
            return new(RuleIds.TableDenied, $"The table {Display(table)} is denied by the policy.", node);
        }

        if (_allowedTables.Length > 0 && !MatchesAny(_allowedTables, table, forAllowList: true))
        {
            return new(RuleIds.TableNotAllowed, $"The table {Display(table)} is not in the policy's allowed tables.", node);
        }

        return null;
    }

    private static string Display(TSqlTableRef table) =>
        string.Join('.', new[] { table.Database, table.Schema, table.Name }.Where(part => !string.IsNullOrEmpty(part)));

    private static string[][] Split(IReadOnlySet<string> entries) => entries.Count == 0 ? [] : [.. entries.Select(entry => entry.Split('.'))];

    /// <summary>
    /// An entry is <c>table</c>, <c>schema.table</c> or <c>database.schema.table</c>. Deny entries match when the
    /// reference could mean that table (an unqualified <c>t</c> could be <c>sales.t</c>); allow entries only when it
    /// surely does, so an unqualified or cross-database reference needs an entry written the same way.
    /// </summary>
    private static bool MatchesAny(string[][] entries, TSqlTableRef table, bool forAllowList)
    {
        foreach (var parts in entries)
        {
            if (!parts[^1].Equals(table.Name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var matches = parts.Length switch
            {
                1 => !forAllowList || table.Database is null,
                2 => Same(parts[0], table.Schema, lenient: !forAllowList) && (!forAllowList || table.Database is null),
                _ => Same(parts[^2], table.Schema, lenient: !forAllowList) && Same(parts[^3], table.Database, lenient: !forAllowList),
            };
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Same(string entryPart, string? referencePart, bool lenient) =>
        string.IsNullOrEmpty(referencePart) ? lenient : entryPart.Equals(referencePart, StringComparison.OrdinalIgnoreCase);
}
