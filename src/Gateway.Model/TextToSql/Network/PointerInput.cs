namespace Gateway.Model.TextToSql.Network;

/// <summary>
/// One example made ready for the network: features, item kinds, relations, and (for training) the target as flat
/// output indexes with the grammar's mask at each step. The flat output layout of one example is
/// [keywords | columns | tables | values].
/// </summary>
internal sealed record PointerInput
{
    public required int Keywords { get; init; }

    public required int Words { get; init; }

    public required int Columns { get; init; }

    public required int Tables { get; init; }

    public required int Values { get; init; }

    /// <summary>[Words + Columns + Tables + EncodedValues, dim] features, in that order.</summary>
    public required float[] Features { get; init; }

    public required int FeatureDim { get; init; }

    /// <summary>Per item: the kind embedding's row (see <see cref="ItemKinds"/>).</summary>
    public required int[] ItemKinds { get; init; }

    /// <summary>[items, items] relation ids.</summary>
    public required byte[] Relations { get; init; }

    /// <summary>Per value: its item among the encoded values, or -1 for a question span.</summary>
    public required int[] ValueItem { get; init; }

    /// <summary>Per value: first and last question word of a span (0 otherwise).</summary>
    public required int[] SpanStart { get; init; }

    public required int[] SpanEnd { get; init; }

    /// <summary>Per value: its <see cref="ValueSource"/>.</summary>
    public required int[] ValueSources { get; init; }

    /// <summary>Flat output index of each target action, or null at inference.</summary>
    public int[]? Target { get; init; }

    /// <summary>The grammar's allowed outputs before each target action (flat layout), or null when unmasked.</summary>
    public bool[][]? Masks { get; init; }

    public int EncodedValues => ValueItem.Count(i => i >= 0);

    public int Items => Words + Columns + Tables + EncodedValues;

    public int Outputs => Keywords + Columns + Tables + Values;

    /// <summary>The flat output index of <paramref name="action"/>.</summary>
    public int Flat(SqlAction action) => action.Kind switch
    {
        SqlActionKind.Keyword => action.Index,
        SqlActionKind.Column => Keywords + action.Index,
        SqlActionKind.Table => Keywords + Columns + action.Index,
        _ => Keywords + Columns + Tables + action.Index,
    };

    /// <summary>The action a flat output index stands for.</summary>
    public SqlAction Action(int flat) =>
        flat < Keywords ? new SqlAction(SqlActionKind.Keyword, flat)
        : flat < Keywords + Columns ? new SqlAction(SqlActionKind.Column, flat - Keywords)
        : flat < Keywords + Columns + Tables ? new SqlAction(SqlActionKind.Table, flat - Keywords - Columns)
        : new SqlAction(SqlActionKind.Value, flat - Keywords - Columns - Tables);

    /// <summary>The flat mask of <paramref name="allowed"/>.</summary>
    public bool[] Flat(AllowedActions allowed)
    {
        var mask = new bool[Outputs];
        Array.Copy(allowed.Keywords, mask, Math.Min(Keywords, allowed.Keywords.Length));
        Array.Copy(allowed.Columns, 0, mask, Keywords, Math.Min(Columns, allowed.Columns.Length));
        Array.Copy(allowed.Tables, 0, mask, Keywords + Columns, Math.Min(Tables, allowed.Tables.Length));
        if (allowed.Values)
        {
            Array.Fill(mask, true, Keywords + Columns + Tables, Values);
        }

        return mask;
    }
}

/// <summary>Rows of the item kind embedding: words, tables, cells, constants, and columns by type and key flags.</summary>
internal static class ItemKinds
{
    public const int Word = 0;
    public const int Table = 1;
    public const int Cell = 2;
    public const int Constant = 3;
    public const int Count = 32;
    private static readonly string[] ColumnTypes = ["text", "number", "time", "boolean", "others"];

    /// <summary>Columns: 4 + type * 4 + primary key * 2 + foreign key; <c>*</c> and unknown types share the last type row.</summary>
    public static int Column(PointerColumn column, bool isForeignKey)
    {
        var type = Array.IndexOf(ColumnTypes, column.Type.ToLowerInvariant());
        if (type < 0 || column.TableIndex < 0)
        {
            type = ColumnTypes.Length;
        }

        return 4 + (type * 4) + (column.IsPrimaryKey ? 2 : 0) + (isForeignKey ? 1 : 0);
    }
}
