using System.Runtime.CompilerServices;
using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>
/// Walks a statement once and records what the rules need: relations (with CTE names told apart from tables by
/// SQL's visibility rules), columns and stars with the scope they resolve in, function calls, data changes,
/// INTO clauses, locking clauses and assignments. Recursion happens only per nested query (bounded by the
/// parser's depth cap); expressions, joins and set operations are walked with explicit stacks.
/// </summary>
internal sealed class QueryAnalyzer
{
    private readonly QueryAnalysis _analysis = new();
    private readonly Stack<SqlNode> _stack = new();
    private readonly List<SqlNode> _children = [];

    private QueryAnalyzer()
    {
    }

    public static QueryAnalysis Analyze(Statement statement)
    {
        var analyzer = new QueryAnalyzer();
        analyzer.AnalyzeStatement(statement);
        return analyzer._analysis;
    }

    private void AnalyzeStatement(Statement statement)
    {
        switch (statement)
        {
            case QueryStatement query:
                AnalyzeQuery(query.Query, null, null);
                break;
            case ExplainStatement explain:
                AnalyzeStatement(explain.Target);
                break;
        }
    }

    private void AnalyzeQuery(Query query, Scope? outer, CteNames? ctes)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var visible = ctes;
        if (query.With is { } with)
        {
            foreach (var cte in with.Ctes)
            {
                // A CTE sees the ones before it; WITH RECURSIVE also lets it see itself.
                var own = with.Recursive ? new CteNames(cte.Name.Value, visible) : visible;
                AnalyzeQuery(cte.Query, outer, own);
                visible = with.Recursive ? own : new CteNames(cte.Name.Value, visible);
            }
        }

        var bodyScope = AnalyzeBody(query.Body, outer, visible);
        foreach (var item in query.OrderBy)
        {
            WalkExpression(item.Expression, bodyScope ?? outer, visible);
        }

        if (query.Limit is { } limit)
        {
            WalkExpression(limit.Count, outer, visible);
            WalkExpression(limit.Offset, outer, visible);
        }

        _analysis.Locks.AddRange(query.Locking);
        if (query.Into is not null)
        {
            _analysis.Intos.Add(query.Into);
        }
    }

    /// <summary>Analyses a body; returns the scope of its first SELECT (where ORDER BY names resolve).</summary>
    private Scope? AnalyzeBody(QueryBody root, Scope? outer, CteNames? ctes)
    {
        Scope? first = null;
        var bodies = new Stack<QueryBody>();
        bodies.Push(root);
        while (bodies.Count > 0)
        {
            switch (bodies.Pop())
            {
                case SetOperationBody set:
                    bodies.Push(set.Right);
                    bodies.Push(set.Left);
                    break;
                case SelectBody select:
                    var scope = AnalyzeSelect(select, outer, ctes);
                    first ??= scope;
                    break;
                case ValuesBody values:
                    foreach (var row in values.Rows)
                    {
                        WalkExpression(row, outer, ctes);
                    }

                    break;
                case TableBody table:
                    var tableScope = new Scope(outer);
                    Bind(table.Table, tableScope, ctes);
                    _analysis.Stars.Add(new StarUse(table, null, tableScope));
                    first ??= tableScope;
                    break;
                case NestedQueryBody nested:
                    AnalyzeQuery(nested.Query, outer, ctes);
                    break;
                case DataChangeBody change:
                    _analysis.DataChanges.Add(change);
                    break;
            }
        }

        return first;
    }

    private Scope AnalyzeSelect(SelectBody select, Scope? outer, CteNames? ctes)
    {
        var scope = new Scope(outer);
        foreach (var source in select.From)
        {
            AddSources(source, scope, ctes);
        }

        foreach (var expression in select.DistinctOn)
        {
            WalkExpression(expression, scope, ctes);
        }

        foreach (var item in select.Items)
        {
            WalkExpression(item.Expression, scope, ctes);
        }

        if (select.Into is not null)
        {
            _analysis.Intos.Add(select.Into);
        }

        WalkExpression(select.Where, scope, ctes);
        if (select.GroupBy is { } groupBy)
        {
            foreach (var item in groupBy.Items)
            {
                WalkExpression(item, scope, ctes);
            }
        }

        WalkExpression(select.Having, scope, ctes);
        foreach (var window in select.Windows)
        {
            WalkExpression(window.Spec, scope, ctes);
        }

        return scope;
    }

    private void AddSources(TableSource root, Scope scope, CteNames? ctes)
    {
        var sources = new Stack<TableSource>();
        sources.Push(root);
        while (sources.Count > 0)
        {
            switch (sources.Pop())
            {
                case NamedTable table:
                    Bind(table, scope, ctes);
                    break;
                case FunctionTable function:
                    scope.Sources.Add(new SourceBinding(function.Alias?.Name.Value, null, isCte: false));
                    WalkExpression(function.Function, scope, ctes);
                    break;
                case DerivedTable derived:
                    scope.Sources.Add(new SourceBinding(derived.Alias?.Name.Value, null, isCte: false));

                    // Given the whole scope (LATERAL or not), so that names resolve against every candidate: fails closed.
                    AnalyzeQuery(derived.Query, scope, ctes);
                    break;
                case JoinedTable join:
                    sources.Push(join.Right);
                    sources.Push(join.Left);
                    WalkExpression(join.On, scope, ctes);
                    foreach (var column in join.Using)
                    {
                        _analysis.Columns.Add(new ColumnUse(column, [column], scope));
                    }

                    if (join.Natural)
                    {
                        _analysis.Stars.Add(new StarUse(join, null, scope));
                    }

                    break;
                case ParenthesizedTable parenthesized:
                    sources.Push(parenthesized.Inner);
                    break;
            }
        }
    }

    private void Bind(NamedTable table, Scope scope, CteNames? ctes)
    {
        var isCte = table.Name.Parts.Count == 1 && CteNames.Contains(ctes, table.Name.Name);
        scope.Sources.Add(new SourceBinding(table.Alias?.Name.Value, table, isCte));
        _analysis.Relations.Add(new RelationUse(table, isCte));
    }

    private void WalkExpression(SqlNode? root, Scope? scope, CteNames? ctes)
    {
        if (root is null)
        {
            return;
        }

        var baseDepth = _stack.Count;
        _stack.Push(root);
        while (_stack.Count > baseDepth)
        {
            var node = _stack.Pop();
            switch (node)
            {
                case ColumnReference column:
                    _analysis.Columns.Add(new ColumnUse(column, column.Name.Parts, scope));
                    continue;
                case StarExpression star:
                    _analysis.Stars.Add(new StarUse(star, star.Qualifier?.Name, scope ?? new Scope(null)));
                    continue;
                case Query query:
                    AnalyzeQuery(query, scope, ctes);
                    continue;
                case InTableExpression inTable:
                    var tableScope = new Scope(scope);
                    Bind(inTable.Table, tableScope, ctes);
                    _analysis.Stars.Add(new StarUse(inTable.Table, null, tableScope));
                    _stack.Push(inTable.Operand);
                    continue;
                case FunctionCall call:
                    _analysis.Functions.Add(call);
                    break;
                case AssignmentExpression assignment:
                    _analysis.Assignments.Add(assignment);
                    break;
            }

            _children.Clear();
            node.AppendChildren(_children);
            for (var i = _children.Count - 1; i >= 0; i--)
            {
                _stack.Push(_children[i]);
            }
        }
    }

    /// <summary>An immutable list of visible CTE names (innermost first).</summary>
    private sealed class CteNames(string name, CteNames? next)
    {
        private string Name { get; } = name;

        private CteNames? Next { get; } = next;

        public static bool Contains(CteNames? names, string name)
        {
            for (var current = names; current is not null; current = current.Next)
            {
                if (string.Equals(current.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
