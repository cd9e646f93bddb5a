using Gateway.Execution.Schema;

namespace Gateway.Context.Linking;

/// <summary>Why schema linking kept a table.</summary>
public enum LinkReason
{
    /// <summary>The whole schema fits the budget.</summary>
    SmallSchema,

    /// <summary>The question names the table, one of its columns, or a value stored in it.</summary>
    Mentioned,

    /// <summary>The table's description is close in meaning to the question.</summary>
    Similar,

    /// <summary>The table lies on the foreign-key path joining two kept tables.</summary>
    JoinPath,

    /// <summary>Nothing matched; the closest tables were kept so the model has something to read.</summary>
    Fallback,
}

/// <summary>A kept table, the reason, and the evidence in words (<c>column orders.status holds 'shipped'</c>).</summary>
public sealed record LinkedTable(string Name, LinkReason Reason, string Explanation, double Score);

/// <summary>
/// The schema as the prompt sees it: the kept tables (with pruned columns when the budget needed it), its DDL in
/// the source's dialect, and why each table is there.
/// </summary>
public sealed record LinkedSchema(SchemaModel Schema, string Ddl, IReadOnlyList<LinkedTable> Tables, bool Pruned, int EstimatedTokens);
