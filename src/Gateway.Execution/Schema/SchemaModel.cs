using System.Text.Json.Serialization;

namespace Gateway.Execution.Schema;

/// <summary>What a source holds, as introspection read it: its tables and views with their columns and keys.</summary>
public sealed record SchemaModel(
    string Source,
    string Provider,
    DateTimeOffset ReadAt,
    IReadOnlyList<TableInfo> Tables)
{
    public TableInfo? Find(string name) =>
        Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A table or view. <see cref="Schema"/> is null where the engine has none (SQLite) or it is the connection's database (MySQL).</summary>
public sealed record TableInfo(
    string? Schema,
    string Name,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TableKind>))] TableKind Kind,
    string? Comment,
    long? ApproximateRows,
    IReadOnlyList<ColumnInfo> Columns,
    IReadOnlyList<string> PrimaryKey,
    IReadOnlyList<ForeignKeyInfo> ForeignKeys)
{
    public string QualifiedName => Schema is null ? Name : $"{Schema}.{Name}";
}

public enum TableKind
{
    Table,
    View,
}

/// <summary>
/// One column, with the engine's own type name. <see cref="SampleValues"/> lists the distinct values of a
/// low-cardinality text column (most frequent first); null when the column is not text or has too many values.
/// </summary>
public sealed record ColumnInfo(
    string Name,
    string DataType,
    bool Nullable,
    string? Comment,
    IReadOnlyList<string>? SampleValues);

public sealed record ForeignKeyInfo(
    IReadOnlyList<string> Columns,
    string? ReferencedSchema,
    string ReferencedTable,
    IReadOnlyList<string> ReferencedColumns);
