using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>A base table read by the query: its name parts, the name it goes by in its scope, and where it was written.</summary>
internal sealed record TSqlTableRef(string? Database, string? Schema, string Name, string? Alias, NamedTableReference Node)
{
    /// <summary>The name a column qualifier uses for this table: its alias, else its own name.</summary>
    public string ExposedName => Alias ?? Name;
}

/// <summary>
/// The names visible in one query specification (one SELECT ... FROM ...), filled during the visitor pass and read by
/// the column rules afterwards, because SQL names columns before the FROM clause that defines their tables.
/// </summary>
internal sealed class TSqlQueryScope(TSqlQueryScope? parent)
{
    public TSqlQueryScope? Parent { get; } = parent;

    public List<TSqlTableRef> Tables { get; } = [];

    /// <summary>Aliases of derived tables, CTE references and table functions: their columns are checked where they are defined.</summary>
    public HashSet<string> DerivedNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ColumnReferenceExpression> Columns { get; } = [];

    public List<SelectStarExpression> Stars { get; } = [];

    /// <summary>Calls such as <c>CHECKSUM(*)</c> that read every column of the scope, like an unqualified <c>*</c>.</summary>
    public List<FunctionCall> WildcardCalls { get; } = [];

    /// <summary>This scope and the ones around it, innermost first (a correlated subquery sees its outer queries).</summary>
    public IEnumerable<TSqlQueryScope> SelfAndAncestors()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            yield return scope;
        }
    }
}
