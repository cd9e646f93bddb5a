using System.Text;
using Gateway.Evaluation.Spider.Data;

namespace Gateway.Model.Prompting;

/// <summary>
/// Renders a Spider schema (tables.json) as SQLite <c>CREATE TABLE</c> statements with primary and foreign keys,
/// using the names as stored in the database so that the SQL a model learns from them runs there.
/// </summary>
public static class SpiderDdl
{
    public static string Render(SpiderSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var primary = schema.PrimaryKeys.ToHashSet();
        var text = new StringBuilder();
        foreach (var table in schema.Tables)
        {
            var columns = schema.ColumnsOf(table).ToList();
            var lines = columns.Select(c => $"  {Quote(c.OriginalName)} {SqliteType(c.Type)}").ToList();
            var keys = columns.Where(c => primary.Contains(c.Index)).Select(c => Quote(c.OriginalName)).ToList();
            if (keys.Count > 0)
            {
                lines.Add($"  PRIMARY KEY ({string.Join(", ", keys)})");
            }

            foreach (var fk in schema.ForeignKeys.Where(f => schema.Columns[f.ColumnIndex].TableIndex == table.Index))
            {
                var referenced = schema.Columns[fk.ReferencedColumnIndex];
                var referencedTable = schema.Tables[referenced.TableIndex];
                lines.Add($"  FOREIGN KEY ({Quote(schema.Columns[fk.ColumnIndex].OriginalName)}) " +
                          $"REFERENCES {Quote(referencedTable.OriginalName)}({Quote(referenced.OriginalName)})");
            }

            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append("CREATE TABLE ").Append(Quote(table.OriginalName)).Append(" (\n")
                .AppendJoin(",\n", lines).Append("\n);\n");
        }

        return text.ToString().TrimEnd('\n');
    }

    // Spider's types are coarse (text, number, time, boolean, others); map them to SQLite affinities.
    private static string SqliteType(string spiderType) => spiderType switch
    {
        "number" => "NUMERIC",
        "time" => "DATETIME",
        "boolean" => "BOOLEAN",
        _ => "TEXT",
    };

    // Plain identifiers stay bare, which is how Spider's gold SQL writes them; others are double-quoted.
    private static string Quote(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_')
            ? name
            : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
