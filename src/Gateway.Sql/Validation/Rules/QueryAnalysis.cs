using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>A FROM-clause name bound in a scope: a base table (or view), a CTE, or a derived source (subquery, function).</summary>
internal sealed class SourceBinding
{
    public SourceBinding(string? alias, NamedTable? table, bool isCte)
    {
        Alias = alias;
        Table = table;
        IsCte = isCte;
    }

    /// <summary>The alias, if one was given.</summary>
    public string? Alias { get; }

    /// <summary>The named table; null for subqueries and functions.</summary>
    public NamedTable? Table { get; }

    public bool IsCte { get; }

    /// <summary>True for a base table or view: a name that is neither a CTE nor a derived source.</summary>
    public bool IsBaseTable => Table is not null && !IsCte;

    /// <summary>True when <paramref name="name"/> refers to this source (by alias, or by table name; both are checked, to fail closed).</summary>
    public bool IsNamed(string name) =>
        (Alias is not null && string.Equals(Alias, name, StringComparison.OrdinalIgnoreCase))
        || (Table is not null && string.Equals(Table.Name.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The sources visible in one SELECT, and the enclosing scope (for correlated subqueries).</summary>
internal sealed class Scope(Scope? parent)
{
    public Scope? Parent { get; } = parent;

    public List<SourceBinding> Sources { get; } = [];
}

/// <summary>A column reference (or a USING column) and the scope it is resolved in.</summary>
internal readonly record struct ColumnUse(SqlNode Node, IReadOnlyList<Identifier> Parts, Scope? Scope);

/// <summary>
/// Something that reads every column of the sources it names: <c>*</c>, <c>t.*</c>, <c>TABLE t</c>,
/// a NATURAL JOIN, SQLite <c>x IN t</c>. <see cref="Qualifier"/> names one source; null means every source in
/// <see cref="Scope"/>.
/// </summary>
internal readonly record struct StarUse(SqlNode Node, string? Qualifier, Scope Scope);

/// <summary>A table name used as a relation, and whether it named a CTE.</summary>
internal readonly record struct RelationUse(NamedTable Table, bool IsCte);

/// <summary>The facts the rules judge, gathered in one walk over a statement.</summary>
internal sealed class QueryAnalysis
{
    public List<DataChangeBody> DataChanges { get; } = [];

    public List<IntoClause> Intos { get; } = [];

    public List<LockingClause> Locks { get; } = [];

    public List<AssignmentExpression> Assignments { get; } = [];

    public List<FunctionCall> Functions { get; } = [];

    public List<RelationUse> Relations { get; } = [];

    public List<ColumnUse> Columns { get; } = [];

    public List<StarUse> Stars { get; } = [];
}
