namespace Gateway.Model.TextToSql;

// The decoder's view of a query, between the action sequence and SQL text: pointers instead of names, no joins
// (the renderer derives them), one value pointer per literal. Column index 0 is '*'.

/// <summary>A column with an optional aggregate: <c>count ( distinct name )</c> is <c>("count", true, name)</c>.</summary>
internal sealed record IrColumn(string? Aggregate, bool Distinct, int Column);

/// <summary>A column or two columns joined by <c>+ - * /</c>.</summary>
internal sealed record IrExpression(IrColumn Left, string? Operator, IrColumn? Right);

/// <summary>The right-hand side of a condition.</summary>
internal abstract record IrOperand;

internal sealed record IrValueOperand(int Value) : IrOperand
{
    /// <summary>For LIKE: the pattern starts with <c>%</c>.</summary>
    public bool LeadingPercent { get; init; }

    /// <summary>For LIKE: the pattern ends with <c>%</c>.</summary>
    public bool TrailingPercent { get; init; }
}

internal sealed record IrQueryOperand(IrQuery Query) : IrOperand;

internal sealed record IrColumnOperand(IrColumn Column) : IrOperand;

/// <summary><c>left [not] op right [and second]</c>; <c>Second</c> only for <c>between</c>.</summary>
internal sealed record IrCondition(IrExpression Left, bool Not, string Operator, IrOperand Right, IrOperand? Second);

/// <summary>Conditions joined left to right; <c>Connectors[i]</c> (<c>and</c>/<c>or</c>) sits between condition i and i+1.</summary>
internal sealed record IrConditions(IReadOnlyList<IrCondition> Items, IReadOnlyList<string> Connectors);

/// <summary>One query: the tables of its FROM (with the odd explicit join), its clauses, and an optional set operation with the next query.</summary>
internal sealed record IrQuery(
    IReadOnlyList<int> Tables,
    bool Distinct,
    IReadOnlyList<IrExpression> Select,
    IrConditions? Where,
    IReadOnlyList<int> GroupBy,
    IrConditions? Having,
    IReadOnlyList<IrExpression> OrderBy,
    string? OrderDirection,
    int? LimitValue,
    string? SetOperator,
    IrQuery? SetQuery)
{
    /// <summary>
    /// Join conditions written out, by table: (a column of that table, a column of a table before it). Only where the
    /// renderer's own choice (<see cref="JoinPlanner"/>) would differ from the gold query's.
    /// </summary>
    public IReadOnlyDictionary<int, PointerForeignKey> JoinOn { get; init; } = new Dictionary<int, PointerForeignKey>();

    /// <summary>More column pairs of a written-out join on a composite key (<c>ON a = b AND c = d</c>), by table.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<PointerForeignKey>> JoinAlso { get; init; } = new Dictionary<int, IReadOnlyList<PointerForeignKey>>();
}
