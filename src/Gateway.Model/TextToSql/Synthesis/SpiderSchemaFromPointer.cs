using Gateway.Evaluation.Spider.Data;

namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>
/// The inverse of <see cref="PointerSchemaBuilder"/>: a pointer schema (for example one converted from a source's
/// introspection) as the <c>tables.json</c> entry that builds it again, so a non-Spider database can join a
/// Spider-layout folder.
/// </summary>
public static class SpiderSchemaFromPointer
{
    public static SpiderSchema Convert(PointerSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var tables = schema.Tables.Select((t, i) => new SpiderTable(i, SynthesisWords.Natural(t.DisplayName), t.Name)).ToList();
        var columns = schema.Columns.Select((c, i) => i == 0
                ? new SpiderColumn(0, -1, "*", "*", "text")
                : new SpiderColumn(i, c.TableIndex, SynthesisWords.Natural(c.DisplayName), c.Name, c.Type))
            .ToList();
        var primaryKeys = Enumerable.Range(1, Math.Max(0, schema.Columns.Count - 1)).Where(i => schema.Columns[i].IsPrimaryKey).ToList();
        var foreignKeys = schema.ForeignKeys.Select(k => new SpiderForeignKey(k.Column, k.ReferencedColumn)).ToList();
        return new SpiderSchema(schema.DbId, tables, columns, primaryKeys, foreignKeys);
    }
}
