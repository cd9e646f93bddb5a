namespace Gateway.Evaluation.Spider.Data;

/// <summary>One database's schema as <c>tables.json</c> describes it.</summary>
/// <param name="DbId">The database id, also its folder name under <c>database/</c>.</param>
/// <param name="Tables">Tables in declaration order.</param>
/// <param name="Columns">Columns in declaration order; index 0 is Spider's <c>*</c> pseudo-column (table index -1).</param>
/// <param name="PrimaryKeys">Column indexes of primary-key columns.</param>
/// <param name="ForeignKeys">Foreign-key pairs as column indexes.</param>
public sealed record SpiderSchema(
    string DbId,
    IReadOnlyList<SpiderTable> Tables,
    IReadOnlyList<SpiderColumn> Columns,
    IReadOnlyList<int> PrimaryKeys,
    IReadOnlyList<SpiderForeignKey> ForeignKeys)
{
    /// <summary>The columns of one table, in declaration order.</summary>
    public IEnumerable<SpiderColumn> ColumnsOf(SpiderTable table) => Columns.Where(c => c.TableIndex == table.Index);
}

/// <summary>A table: <paramref name="Name"/> is Spider's normalised name, <paramref name="OriginalName"/> the name in the database.</summary>
public sealed record SpiderTable(int Index, string Name, string OriginalName);

/// <summary>A column of table <paramref name="TableIndex"/> (-1 for <c>*</c>), with normalised and original names and Spider's type.</summary>
public sealed record SpiderColumn(int Index, int TableIndex, string Name, string OriginalName, string Type);

/// <summary>A foreign key: <paramref name="ColumnIndex"/> references <paramref name="ReferencedColumnIndex"/>.</summary>
public sealed record SpiderForeignKey(int ColumnIndex, int ReferencedColumnIndex);
