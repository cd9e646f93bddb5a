using System.Globalization;
using System.Text;
using Gateway.Execution.Schema;

namespace Gateway.Ask.Routing;

/// <summary>
/// Answers without a model, from the introspected schema alone: what the source holds, a table's columns and keys,
/// how tables relate, and example questions built from the schema's own names. Used for structure questions, for
/// conversation when no chat model is configured, and as the guidance of the "no generator configured" route.
/// </summary>
public sealed class SchemaGuide
{
    /// <summary>Example questions offered at most.</summary>
    public const int MaxExamples = 5;

    private const string Role = "I am the gateway's data analyst: I answer questions about the data by writing SQL, running it read-only under the gateway's policy, and summarising the result with a chart.";

    public string Answer(QuestionIntent intent, string question, SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(schema);
        return intent switch
        {
            QuestionIntent.Greeting => $"Hello! {Role}\n\n{Overview(schema)}\n\n{Examples(schema)}",
            QuestionIntent.Identity => $"{Role} I only read data; I never change it.\n\n{Overview(schema)}\n\n{Examples(schema)}",
            QuestionIntent.Thanks => $"You're welcome. {Examples(schema)}",
            QuestionIntent.Capabilities => $"{Overview(schema)}\n\n{Examples(schema)}",
            QuestionIntent.Structure => Structure(question, schema),
            _ => $"{Overview(schema)}\n\n{Examples(schema)}",
        };
    }

    /// <summary>The answer of the "no generator configured" route: what is missing, and what the data holds meanwhile.</summary>
    public string NoGenerator(SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return "No SQL generator is configured, so I cannot write a query for this question. Configure one in the " +
               "configuration file's ask.generators section (an OpenAI-compatible endpoint or a local model), or run " +
               "your own SQL with `gateway sql` / POST /v1/sql.\n\n" + Overview(schema) + "\n\n" + Examples(schema);
    }

    /// <summary>One line per table: its columns and, where known, its approximate row count.</summary>
    public static string Overview(SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Tables.Count == 0)
        {
            return $"The source '{schema.Source}' has no tables I can read.";
        }

        var text = new StringBuilder($"The source '{schema.Source}' has {schema.Tables.Count} table(s) and view(s):");
        foreach (var table in schema.Tables)
        {
            text.Append("\n- ").Append(table.QualifiedName);
            if (table.Kind == TableKind.View)
            {
                text.Append(" (view)");
            }

            if (table.ApproximateRows is > 0 and var rows)
            {
                text.Append(CultureInfo.InvariantCulture, $", about {rows:N0} rows");
            }

            text.Append(": ").AppendJoin(", ", table.Columns.Select(c => c.Name));
            if (table.Comment is { Length: > 0 } comment)
            {
                text.Append(" — ").Append(comment);
            }
        }

        return text.ToString();
    }

    /// <summary>Example questions built from the schema's names: counts, totals by a category, change over time, relations.</summary>
    public static IReadOnlyList<string> ExampleQuestions(SchemaModel schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var examples = new List<string>();
        var tables = schema.Tables.Where(t => t.Kind == TableKind.Table).ToList();
        foreach (var table in tables)
        {
            var measure = table.Columns.FirstOrDefault(c => IsMeasure(c));
            var category = table.Columns.FirstOrDefault(c => c.SampleValues is { Count: > 1 } && !IsIdentifier(c.Name));
            var date = table.Columns.FirstOrDefault(c => IsDate(c));
            if (measure is not null && category is not null)
            {
                examples.Add($"What is the total {Words(measure.Name)} by {Words(category.Name)}?");
            }

            if (measure is not null && date is not null)
            {
                examples.Add($"How did the total {Words(measure.Name)} change by month?");
            }
        }

        foreach (var child in tables)
        {
            foreach (var key in child.ForeignKeys.Take(1))
            {
                examples.Add($"How many {Words(child.Name)} does each {Singular(Words(key.ReferencedTable))} have?");
            }
        }

        examples.AddRange(tables.Select(t => $"How many {Words(t.Name)} are there?"));
        return [.. examples.Distinct(StringComparer.Ordinal).Take(MaxExamples)];
    }

    private static string Examples(SchemaModel schema)
    {
        var examples = ExampleQuestions(schema);
        return examples.Count == 0
            ? "Ask me a question about the data in plain language."
            : "You could ask, for example:\n" + string.Join("\n", examples.Select(e => $"- {e}"));
    }

    private static string Structure(string question, SchemaModel schema)
    {
        var named = schema.Tables
            .Where(t => Mentions(question, t.Name) || Mentions(question, Words(t.Name)))
            .ToList();
        if (named.Count == 0)
        {
            return Overview(schema) + Relations(schema);
        }

        return string.Join("\n\n", named.Select(Describe));
    }

    private static string Describe(TableInfo table)
    {
        var text = new StringBuilder($"{table.QualifiedName}{(table.Kind == TableKind.View ? " (view)" : "")}");
        if (table.Comment is { Length: > 0 } comment)
        {
            text.Append(" — ").Append(comment);
        }

        text.Append(" has these columns:");
        foreach (var column in table.Columns)
        {
            text.Append("\n- ").Append(column.Name).Append(' ').Append(column.DataType);
            if (table.PrimaryKey.Contains(column.Name, StringComparer.OrdinalIgnoreCase))
            {
                text.Append(", primary key");
            }

            if (table.ForeignKeys.FirstOrDefault(f => f.Columns.Contains(column.Name, StringComparer.OrdinalIgnoreCase)) is { } key)
            {
                text.Append(", references ").Append(key.ReferencedTable);
            }

            if (column.Comment is { Length: > 0 } note)
            {
                text.Append(" — ").Append(note);
            }

            if (column.SampleValues is { Count: > 0 } samples)
            {
                text.Append(" (values such as ").AppendJoin(", ", samples.Take(5)).Append(')');
            }
        }

        return text.ToString();
    }

    private static string Relations(SchemaModel schema)
    {
        var links = schema.Tables
            .SelectMany(t => t.ForeignKeys.Select(f => $"{t.Name}.{string.Join(", ", f.Columns)} → {f.ReferencedTable}.{string.Join(", ", f.ReferencedColumns)}"))
            .ToList();
        return links.Count == 0 ? "" : "\n\nHow they relate:\n" + string.Join("\n", links.Select(l => $"- {l}"));
    }

    private static bool Mentions(string question, string name) =>
        question.Contains(name, StringComparison.OrdinalIgnoreCase) || question.Contains(Singular(name), StringComparison.OrdinalIgnoreCase) && Singular(name).Length > 3;

    private static bool IsMeasure(ColumnInfo column) =>
        !IsIdentifier(column.Name) && (Has(column.DataType, "DEC") || Has(column.DataType, "NUM") || Has(column.DataType, "REAL") ||
                                        Has(column.DataType, "FLOAT") || Has(column.DataType, "DOUBLE") || Has(column.DataType, "MONEY"));

    private static bool IsDate(ColumnInfo column) => Has(column.DataType, "DATE") || Has(column.DataType, "TIMESTAMP");

    private static bool IsIdentifier(string name) =>
        name.Equals("id", StringComparison.OrdinalIgnoreCase) || name.EndsWith("_id", StringComparison.OrdinalIgnoreCase);

    private static bool Has(string type, string part) => type.Contains(part, StringComparison.OrdinalIgnoreCase);

    private static string Words(string name) => name.Replace('_', ' ');

    private static string Singular(string word) =>
        word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.EndsWith("sses", StringComparison.Ordinal) ? word[..^2]
        : word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;
}
