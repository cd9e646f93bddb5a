namespace Gateway.Model.TextToSql.Network;

/// <summary>
/// How two items of the linking encoder's sequence (question words, columns, tables, encoded values) relate; each
/// kind has a learned attention bias per head and layer, so schema links steer attention directly.
/// </summary>
internal enum ItemRelation : byte
{
    None = 0,
    WordFar,
    WordBefore,
    WordAfter,
    WordTwoBefore,
    WordTwoAfter,
    Self,
    WordColumnExact,
    WordColumnPartial,
    WordColumnCell,
    ColumnWordExact,
    ColumnWordPartial,
    ColumnWordCell,
    WordTableExact,
    WordTablePartial,
    TableWordExact,
    TableWordPartial,
    ColumnOfTable,
    TableOfColumn,
    ColumnSameTable,
    ColumnForeignKey,
    ColumnForeignKeyReversed,
    TableForeignKey,
    TableForeignKeyReversed,
    ValueOfColumn,
    ColumnOfValue,
    WordOfValue,
    ValueOfWord,
    ValueTableOfColumn,
    TableValueOfColumn,
}

internal static class ItemRelations
{
    /// <summary>Rows of the relation bias tables (enum values fit below it).</summary>
    public const int Count = 32;
}
