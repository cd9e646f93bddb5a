using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// Denied columns, checked after the walk when every scope's tables are known (resolution: <see cref="TSqlColumnLookup"/>).
/// A <c>*</c> over a base table is refused when that table has a denied column, or when a bare column is denied
/// (without the schema, the gateway cannot prove the table lacks it).
/// </summary>
internal sealed class TSqlColumnRules
{
    private readonly TSqlColumnLookup _denied;

    public TSqlColumnRules(SqlPolicy policy)
    {
        _denied = new TSqlColumnLookup(policy.DeniedColumns);
    }

    public bool IsEmpty => _denied.IsEmpty;

    public TSqlViolation? Check(IReadOnlyList<TSqlQueryScope> scopes)
    {
        if (IsEmpty)
        {
            return null;
        }

        foreach (var scope in scopes)
        {
            foreach (var column in scope.Columns)
            {
                if (_denied.Find(scope, column, scopes) is { } entry)
                {
                    var name = TSqlIdentifiers.Name(column.MultiPartIdentifier.Identifiers[^1]);
                    return new(RuleIds.ColumnDenied, $"The column {name} is denied by the policy ({entry}).", column);
                }
            }

            foreach (var star in scope.Stars)
            {
                if (CheckStar(TSqlColumnLookup.StarTables(scope, star, scopes), star) is { } violation)
                {
                    return violation;
                }
            }

            foreach (var call in scope.WildcardCalls)
            {
                if (CheckStar(scope.Tables, call) is { } violation)
                {
                    return violation;
                }
            }
        }

        return null;
    }

    private TSqlViolation? CheckStar(List<TSqlTableRef> tables, TSqlFragment node) =>
        _denied.FindInStar(tables) switch
        {
            null => null,
            var (entry, _) when !entry.Contains('.', StringComparison.Ordinal) =>
                new(RuleIds.ColumnDenied, $"* could include the denied column {entry}; list the columns instead.", node),
            var (entry, table) =>
                new(RuleIds.ColumnDenied, $"* over {table} includes the denied column {entry}; list the columns instead.", node),
        };
}
