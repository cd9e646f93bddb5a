using System.Text;

namespace Gateway.Model.TextToSql.Features;

/// <summary>
/// A schema written as the second segment the encoder reads beside the question, <c>* | singer : name , age | ...</c>,
/// with the character span of every column and table, so each item's state can be pooled from the pieces inside it.
/// Read together with the question, the encoder's attention relates the question's words to the names (which a
/// separately encoded name never sees).
/// </summary>
public sealed record JointSchemaText(string Text, IReadOnlyList<(int Start, int End)> Columns, IReadOnlyList<(int Start, int End)> Tables)
{
    public static JointSchemaText Build(PointerSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var text = new StringBuilder();
        var columns = new (int Start, int End)[schema.Columns.Count];
        var tables = new (int Start, int End)[schema.Tables.Count];
        (int, int) Append(string name)
        {
            var start = text.Length;
            text.Append(name);
            return (start, text.Length);
        }

        for (var c = 0; c < schema.Columns.Count; c++)
        {
            if (schema.Columns[c].TableIndex < 0 || schema.Columns[c].TableIndex >= schema.Tables.Count)
            {
                columns[c] = Append(schema.Columns[c].DisplayName);
                text.Append(" | ");
            }
        }

        for (var t = 0; t < schema.Tables.Count; t++)
        {
            tables[t] = Append(schema.Tables[t].DisplayName);
            text.Append(" :");
            var first = true;
            for (var c = 0; c < schema.Columns.Count; c++)
            {
                if (schema.Columns[c].TableIndex != t)
                {
                    continue;
                }

                text.Append(first ? " " : " , ");
                columns[c] = Append(schema.Columns[c].DisplayName);
                first = false;
            }

            if (t + 1 < schema.Tables.Count)
            {
                text.Append(" | ");
            }
        }

        return new JointSchemaText(text.ToString(), columns, tables);
    }
}
