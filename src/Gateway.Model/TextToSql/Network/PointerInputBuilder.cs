namespace Gateway.Model.TextToSql.Network;

/// <summary>Turns a <see cref="PointerExample"/> and its encoder features into a <see cref="PointerInput"/>.</summary>
internal static class PointerInputBuilder
{
    /// <param name="grammar">when given with a target, the mask before each target step is recorded</param>
    /// <param name="offGrammar">counts target steps the grammar did not allow (they are allowed, so training can go on)</param>
    public static PointerInput Build(PointerExample example, ExampleFeatures features, int keywords, IActionGrammar? grammar, ref int offGrammar)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(features);
        var schema = example.Schema;
        var words = example.QuestionWords.Count;
        var columns = schema.Columns.Count;
        var tables = schema.Tables.Count;
        var values = example.Values.Count;
        var valueItem = new int[values];
        var encoded = 0;
        for (var v = 0; v < values; v++)
        {
            valueItem[v] = example.Values[v].Source == ValueSource.QuestionSpan ? -1 : encoded++;
        }

        Require(features.Words.Length == words * features.Dim, "question words", example);
        Require(features.Columns.Length == columns * features.Dim, "columns", example);
        Require(features.Tables.Length == tables * features.Dim, "tables", example);
        Require(features.EncodedValues.Length == encoded * features.Dim, "encoded values", example);

        var items = words + columns + tables + encoded;
        var all = new float[items * features.Dim];
        features.Words.CopyTo(all, 0);
        features.Columns.CopyTo(all, words * features.Dim);
        features.Tables.CopyTo(all, (words + columns) * features.Dim);
        features.EncodedValues.CopyTo(all, (words + columns + tables) * features.Dim);

        var foreignKeyColumns = new HashSet<int>(schema.ForeignKeys.SelectMany(f => new[] { f.Column, f.ReferencedColumn }));
        var kinds = new int[items];
        for (var c = 0; c < columns; c++)
        {
            kinds[words + c] = ItemKinds.Column(schema.Columns[c], foreignKeyColumns.Contains(c));
        }

        for (var t = 0; t < tables; t++)
        {
            kinds[words + columns + t] = ItemKinds.Table;
        }

        var spanStart = new int[values];
        var spanEnd = new int[values];
        var sources = new int[values];
        for (var v = 0; v < values; v++)
        {
            var value = example.Values[v];
            sources[v] = (int)value.Source;
            if (valueItem[v] >= 0)
            {
                kinds[words + columns + tables + valueItem[v]] = value.Source == ValueSource.DatabaseCell ? ItemKinds.Cell : ItemKinds.Constant;
            }
            else
            {
                spanStart[v] = Math.Clamp(value.StartWord, 0, Math.Max(0, words - 1));
                spanEnd[v] = Math.Clamp(value.EndWord, spanStart[v], Math.Max(0, words - 1));
            }
        }

        var input = new PointerInput
        {
            Keywords = keywords,
            Words = words,
            Columns = columns,
            Tables = tables,
            Values = values,
            Features = all,
            FeatureDim = features.Dim,
            ItemKinds = kinds,
            Relations = Relations(example, valueItem, items),
            ValueItem = valueItem,
            SpanStart = spanStart,
            SpanEnd = spanEnd,
            ValueSources = sources,
        };
        if (example.Target is not { } target)
        {
            return input;
        }

        // The SQL side's targets end with the end keyword; one without it gets it, so decoding learns to stop.
        var endsWithEnd = target.Count > 0 && target[^1] is { Kind: SqlActionKind.Keyword, Index: 0 };
        var steps = endsWithEnd ? target : [.. target, new SqlAction(SqlActionKind.Keyword, 0)];
        var flat = steps.Select(input.Flat).ToArray();
        bool[][]? masks = null;
        if (grammar is not null)
        {
            masks = new bool[flat.Length][];
            IGrammarCursor? cursor = grammar.Start(example);
            for (var i = 0; i < flat.Length; i++)
            {
                // Past a step the grammar refused, the rest of the target trains unmasked.
                masks[i] = cursor is null ? Enumerable.Repeat(true, input.Outputs).ToArray() : input.Flat(cursor.Allowed());
                if (!masks[i][flat[i]])
                {
                    masks[i][flat[i]] = true;
                    offGrammar++;
                }

                cursor = cursor?.Advance(steps[i]);
            }
        }

        return input with { Target = flat, Masks = masks };
    }

    private static void Require(bool condition, string what, PointerExample example)
    {
        if (!condition)
        {
            throw new ArgumentException($"the features of '{example.Question}' ({example.DbId}) do not match the example's {what}");
        }
    }

    private static byte[] Relations(PointerExample example, int[] valueItem, int items)
    {
        var schema = example.Schema;
        var words = example.QuestionWords.Count;
        var columns = schema.Columns.Count;
        var tables = schema.Tables.Count;
        var relations = new byte[items * items];
        void Set(int from, int to, ItemRelation relation) => relations[(from * items) + to] = (byte)relation;
        int Column(int c) => words + c;
        int Table(int t) => words + columns + t;

        for (var i = 0; i < words; i++)
        {
            for (var j = 0; j < words; j++)
            {
                Set(i, j, (j - i) switch
                {
                    0 => ItemRelation.Self,
                    -1 => ItemRelation.WordBefore,
                    1 => ItemRelation.WordAfter,
                    -2 => ItemRelation.WordTwoBefore,
                    2 => ItemRelation.WordTwoAfter,
                    _ => ItemRelation.WordFar,
                });
            }
        }

        for (var c = 0; c < columns; c++)
        {
            var table = schema.Columns[c].TableIndex;
            if (table < 0 || table >= tables)
            {
                continue;
            }

            Set(Column(c), Table(table), ItemRelation.ColumnOfTable);
            Set(Table(table), Column(c), ItemRelation.TableOfColumn);
            for (var d = 0; d < columns; d++)
            {
                if (d != c && schema.Columns[d].TableIndex == table)
                {
                    Set(Column(c), Column(d), ItemRelation.ColumnSameTable);
                }
            }
        }

        foreach (var key in schema.ForeignKeys)
        {
            if (key.Column < 0 || key.Column >= columns || key.ReferencedColumn < 0 || key.ReferencedColumn >= columns)
            {
                continue;
            }

            Set(Column(key.Column), Column(key.ReferencedColumn), ItemRelation.ColumnForeignKey);
            Set(Column(key.ReferencedColumn), Column(key.Column), ItemRelation.ColumnForeignKeyReversed);
            var (from, to) = (schema.Columns[key.Column].TableIndex, schema.Columns[key.ReferencedColumn].TableIndex);
            if (from >= 0 && to >= 0 && from != to)
            {
                Set(Table(from), Table(to), ItemRelation.TableForeignKey);
                Set(Table(to), Table(from), ItemRelation.TableForeignKeyReversed);
            }
        }

        // Weaker links first, so an exact match overwrites a partial one on the same pair.
        foreach (var link in example.Links.OrderBy(l => l.Kind switch { LinkKind.PartialName => 0, LinkKind.CellValue => 1, _ => 2 }))
        {
            var limit = link.IsTable ? tables : columns;
            if (link.ItemIndex < 0 || link.ItemIndex >= limit)
            {
                continue;
            }

            var item = link.IsTable ? Table(link.ItemIndex) : Column(link.ItemIndex);
            for (var w = Math.Max(0, link.StartWord); w <= Math.Min(words - 1, link.EndWord); w++)
            {
                var (forward, backward) = (link.IsTable, link.Kind) switch
                {
                    (false, LinkKind.ExactName) => (ItemRelation.WordColumnExact, ItemRelation.ColumnWordExact),
                    (false, LinkKind.PartialName) => (ItemRelation.WordColumnPartial, ItemRelation.ColumnWordPartial),
                    (false, _) => (ItemRelation.WordColumnCell, ItemRelation.ColumnWordCell),
                    (true, LinkKind.ExactName) => (ItemRelation.WordTableExact, ItemRelation.TableWordExact),
                    _ => (ItemRelation.WordTablePartial, ItemRelation.TableWordPartial),
                };
                Set(w, item, forward);
                Set(item, w, backward);
            }
        }

        for (var v = 0; v < valueItem.Length; v++)
        {
            if (valueItem[v] < 0)
            {
                continue;
            }

            var item = words + columns + tables + valueItem[v];
            var value = example.Values[v];
            if (value.ColumnIndex > 0 && value.ColumnIndex < columns)
            {
                Set(item, Column(value.ColumnIndex), ItemRelation.ValueOfColumn);
                Set(Column(value.ColumnIndex), item, ItemRelation.ColumnOfValue);
                var table = schema.Columns[value.ColumnIndex].TableIndex;
                if (table >= 0 && table < tables)
                {
                    Set(item, Table(table), ItemRelation.ValueTableOfColumn);
                    Set(Table(table), item, ItemRelation.TableValueOfColumn);
                }
            }

            for (var w = Math.Max(0, value.StartWord); w <= Math.Min(words - 1, value.EndWord); w++)
            {
                Set(item, w, ItemRelation.ValueOfWord);
                Set(w, item, ItemRelation.WordOfValue);
            }
        }

        for (var i = 0; i < items; i++)
        {
            Set(i, i, ItemRelation.Self);
        }

        return relations;
    }
}
