using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// The single walk over a parsed SELECT: refuses writes, SELECT INTO, variable assignment, locking hints, denied
/// functions and rowset providers, protected and disallowed tables; and records, per query scope, the tables and
/// column references the column rules need afterwards. It visits concrete node types only (about five times cheaper
/// than also visiting every base type); default deny is kept where it matters by checking lists in full: every table
/// source of a FROM clause, every table hint and every query hint.
/// </summary>
internal sealed class TSqlSafetyVisitor : TSqlConcreteFragmentVisitor
{
    /// <summary>Hints that steer the plan without touching locks or isolation; every other hint is refused.</summary>
    private static readonly HashSet<TableHintKind> PlanOnlyHints =
        [TableHintKind.Index, TableHintKind.ForceSeek, TableHintKind.ForceScan, TableHintKind.NoExpand, TableHintKind.SpatialWindowMaxCells];

    // Refused whatever the deny list says; the list may reword them (see TSqlNameRules.AlwaysDenied).
    private static readonly DeniedName NextValueFor = new("next value for", "sequence", "advances a sequence; a write");
    private static readonly DeniedName OpenRowset = new("openrowset", "network", "connects to another data source or reads a server file");
    private static readonly DeniedName OpenDataSource = new("opendatasource", "network", "connects to another data source");
    private static readonly DeniedName OpenQuery = new("openquery", "network", "sends a query to a linked server");
    private static readonly DeniedName OpenXml = new("openxml", "dynamic_sql", "reads a document prepared by a stored procedure");

    private readonly TSqlNameRules _names;
    private readonly bool _collectColumns;
    private readonly HashSet<string> _cteNames = new(StringComparer.OrdinalIgnoreCase);
    private TSqlQueryScope _scope;

    /// <param name="collectColumns">Whether to record column references and stars; without denied columns nobody reads them.</param>
    public TSqlSafetyVisitor(SelectStatement root, TSqlNameRules names, bool collectColumns)
    {
        _names = names;
        _collectColumns = collectColumns;
        _scope = new TSqlQueryScope(null);
        Scopes.Add(_scope);
        // T-SQL allows WITH only at the top of the statement, so every CTE name is known before the walk.
        foreach (var cte in root.WithCtesAndXmlNamespaces?.CommonTableExpressions ?? [])
        {
            _cteNames.Add(TSqlIdentifiers.Name(cte.ExpressionName));
        }
    }

    /// <summary>The first broken rule met in the walk, or null.</summary>
    public TSqlViolation? Violation { get; private set; }

    public List<TSqlQueryScope> Scopes { get; } = [];

    public override void ExplicitVisit(QuerySpecification node)
    {
        var outer = _scope;
        _scope = new TSqlQueryScope(outer);
        Scopes.Add(_scope);
        base.ExplicitVisit(node);
        _scope = outer;
    }

    public override void Visit(SelectStatement node)
    {
        if (node.Into is not null)
        {
            Fail(new(RuleIds.SelectInto, $"SELECT ... INTO {node.Into.BaseIdentifier.Value} creates a table; only plain SELECT is allowed.", node.Into));
        }

        foreach (var hint in node.OptimizerHints)
        {
            if (hint.HintKind == OptimizerHintKind.QueryTraceOn)
            {
                Fail(new(RuleIds.SessionControl, "OPTION (QUERYTRACEON) switches server trace flags.", hint));
            }
            else if (hint is TableHintsOptimizerHint tableHints)
            {
                CheckHints(tableHints.TableHints);
            }
        }
    }

    // The parser refuses DML inside a SELECT; these guard the tree in case a future grammar lets one through.
    public override void Visit(InsertSpecification node) => FailDataChange(node);

    public override void Visit(UpdateSpecification node) => FailDataChange(node);

    public override void Visit(DeleteSpecification node) => FailDataChange(node);

    public override void Visit(MergeSpecification node) => FailDataChange(node);

    public override void Visit(OutputClause node) => FailDataChange(node);

    public override void Visit(OutputIntoClause node) => FailDataChange(node);

    public override void Visit(SelectSetVariable node) =>
        Fail(new(RuleIds.SessionControl, $"SELECT {node.Variable.Name} = ... assigns a variable; return the value as a column instead.", node));

    public override void Visit(FunctionCall node)
    {
        // COUNT(*) counts rows; any other f(*) (CHECKSUM, BINARY_CHECKSUM) reads every column.
        if (_collectColumns && node.Parameters is [ColumnReferenceExpression { ColumnType: ColumnType.Wildcard }]
            && !node.FunctionName.Value.Equals("COUNT", StringComparison.OrdinalIgnoreCase)
            && !node.FunctionName.Value.Equals("COUNT_BIG", StringComparison.OrdinalIgnoreCase))
        {
            _scope.WildcardCalls.Add(node);
        }

        switch (node.CallTarget)
        {
            case null:
                Fail(_names.CheckFunction(null, TSqlIdentifiers.Name(node.FunctionName), node));
                break;
            case MultiPartIdentifierCallTarget target:
                Fail(_names.CheckFunction(TSqlIdentifiers.OptionalName(target.MultiPartIdentifier.Identifiers[^1]), TSqlIdentifiers.Name(node.FunctionName), node));
                break;
            default:
                // Methods on a value (xml.value(), geography::Point) run on that value only.
                break;
        }
    }

    public override void Visit(OdbcFunctionCall node) => Fail(_names.CheckFunction(null, TSqlIdentifiers.Name(node.Name), node));

    public override void Visit(NextValueForExpression node) =>
        Fail(_names.AlwaysDenied(NextValueFor, node));

    public override void Visit(ColumnReferenceExpression node)
    {
        if (_collectColumns && node.ColumnType == ColumnType.Regular && node.MultiPartIdentifier is not null)
        {
            _scope.Columns.Add(node);
        }
    }

    public override void Visit(SelectStarExpression node)
    {
        if (_collectColumns)
        {
            _scope.Stars.Add(node);
        }
    }

    /// <summary>Table sources are judged here, in full, before the walk descends into them: default deny by type.</summary>
    public override void Visit(FromClause node)
    {
        foreach (var reference in node.TableReferences)
        {
            VisitSource(reference);
        }
    }

    private void VisitSource(TableReference node)
    {
        switch (node)
        {
            case NamedTableReference named:
                VisitNamed(named);
                break;
            case JoinTableReference join:
                VisitSource(join.FirstTableReference);
                VisitSource(join.SecondTableReference);
                break;
            case JoinParenthesisTableReference parenthesis:
                VisitSource(parenthesis.Join);
                break;
            case OdbcQualifiedJoinTableReference odbc:
                VisitSource(odbc.TableReference);
                break;
            case PivotedTableReference pivot:
                VisitSource(pivot.TableReference);
                AddDerived(pivot);
                break;
            case UnpivotedTableReference unpivot:
                VisitSource(unpivot.TableReference);
                AddDerived(unpivot);
                break;
            case SchemaObjectFunctionTableReference function:
                Fail(_names.CheckFunction(TSqlIdentifiers.OptionalName(function.SchemaObject.SchemaIdentifier), TSqlIdentifiers.Name(function.SchemaObject.BaseIdentifier), function));
                AddDerived(function);
                break;
            case GlobalFunctionTableReference function:
                Fail(_names.CheckFunction(null, TSqlIdentifiers.Name(function.Name), function));
                AddDerived(function);
                break;
            case BuiltInFunctionTableReference function:
                Fail(_names.CheckFunction(null, TSqlIdentifiers.Name(function.Name), function));
                AddDerived(function);
                break;
            case OpenRowsetTableReference or InternalOpenRowset or BulkOpenRowset or OpenRowsetCosmos:
                Fail(_names.AlwaysDenied(OpenRowset, node));
                break;
            case AdHocTableReference:
                Fail(_names.AlwaysDenied(OpenDataSource, node));
                break;
            case OpenQueryTableReference:
                Fail(_names.AlwaysDenied(OpenQuery, node));
                break;
            case OpenXmlTableReference:
                Fail(_names.AlwaysDenied(OpenXml, node));
                break;
            case DataModificationTableReference:
                Fail(new(RuleIds.DataChange, "The query reads the OUTPUT of a data change.", node));
                break;
            case QueryDerivedTable or InlineDerivedTable or OpenJsonTableReference or VariableTableReference
                or VariableMethodCallTableReference or FullTextTableReference or SemanticTableReference
                or ChangeTableChangesTableReference or ChangeTableVersionTableReference:
                AddDerived((TableReferenceWithAlias)node);
                break;
            default:
                Fail(new(RuleIds.DeniedFunction, $"The table source {node.GetType().Name} is not known to be read-only.", node));
                break;
        }
    }

    private void VisitNamed(NamedTableReference node)
    {
        CheckHints(node.TableHints);
        var name = node.SchemaObject;
        var baseName = TSqlIdentifiers.Name(name.BaseIdentifier);
        var alias = TSqlIdentifiers.OptionalName(node.Alias);
        if (name.SchemaIdentifier is null && name.DatabaseIdentifier is null && _cteNames.Contains(baseName))
        {
            _scope.DerivedNames.Add(alias ?? baseName);
            return;
        }

        var table = new TSqlTableRef(
            TSqlIdentifiers.OptionalName(name.DatabaseIdentifier), TSqlIdentifiers.OptionalName(name.SchemaIdentifier), baseName, alias, node);
        _scope.Tables.Add(table);
        Fail(_names.CheckTable(table));
    }

    /// <summary>
    /// Lock and isolation hints are refused, NOLOCK included: a dirty read can return rows that never existed, which is
    /// not what anyone auditing an answer expects. The gateway sets the isolation level itself.
    /// </summary>
    private void CheckHints(IList<TableHint> hints)
    {
        foreach (var hint in hints)
        {
            if (!PlanOnlyHints.Contains(hint.HintKind))
            {
                Fail(new(RuleIds.Locking, $"The table hint {hint.HintKind.ToString().ToUpperInvariant()} changes locking or isolation; only plan hints (INDEX, FORCESEEK, FORCESCAN, NOEXPAND) are allowed.", hint));
            }
        }
    }

    private void AddDerived(TableReferenceWithAlias node)
    {
        if (node.Alias is not null)
        {
            _scope.DerivedNames.Add(TSqlIdentifiers.Name(node.Alias));
        }
    }

    private void FailDataChange(TSqlFragment node) =>
        Fail(new(RuleIds.DataChange, "The query contains a data change (INSERT, UPDATE, DELETE, MERGE or OUTPUT).", node));

    private void Fail(TSqlViolation? violation) => Violation ??= violation;
}
