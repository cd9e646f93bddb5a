using System.Globalization;
using Gateway.Execution.Sources;

namespace Gateway.Execution.Demo;

/// <summary>
/// Spells the demo schema in each dialect: one table of type names per engine, foreign keys as table constraints
/// (MySQL ignores inline REFERENCES), comments where the engine stores them.
/// </summary>
internal static class DemoDdl
{
    public static IEnumerable<string> DropAll(SourceProvider provider)
    {
        foreach (var (name, _) in DemoSchema.Views)
        {
            yield return $"DROP VIEW IF EXISTS {name}";
        }

        foreach (var table in DemoSchema.Tables.Reverse())
        {
            yield return provider == SourceProvider.Postgres
                ? $"DROP TABLE IF EXISTS {table.Name} CASCADE"
                : $"DROP TABLE IF EXISTS {table.Name}";
        }
    }

    public static IEnumerable<string> CreateAll(SourceProvider provider)
    {
        foreach (var table in DemoSchema.Tables)
        {
            foreach (var statement in Create(table, provider))
            {
                yield return statement;
            }
        }

        foreach (var (name, sql) in DemoSchema.Views)
        {
            yield return $"CREATE VIEW {name} AS {sql}";
        }
    }

    /// <summary>Refreshes the planner statistics, which also give introspection its approximate row counts.</summary>
    public static string Analyze(SourceProvider provider) => provider == SourceProvider.MySql
        ? $"ANALYZE TABLE {string.Join(", ", DemoSchema.Tables.Select(t => t.Name))}"
        : "ANALYZE";

    public static IEnumerable<string> Create(DemoTable table, SourceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(table);
        var lines = new List<string>();
        foreach (var column in table.Columns)
        {
            var line = $"  {column.Name} {TypeName(column, provider)}{(column.Nullable ? string.Empty : " NOT NULL")}";
            if (column == table.Key)
            {
                line += " PRIMARY KEY";
            }

            if (provider == SourceProvider.MySql && column.Comment is not null)
            {
                line += $" COMMENT {Quote(column.Comment)}";
            }

            lines.Add(line);
        }

        foreach (var column in table.Columns.Where(c => c.References is not null))
        {
            var parent = DemoSchema.Table(column.References!);
            lines.Add($"  CONSTRAINT fk_{table.Name}_{column.Name} FOREIGN KEY ({column.Name}) REFERENCES {parent.Name} ({parent.Key.Name})");
        }

        var options = provider == SourceProvider.MySql ? $" ENGINE=InnoDB COMMENT={Quote(table.Comment)}" : string.Empty;
        yield return $"CREATE TABLE {table.Name} (\n{string.Join(",\n", lines)}\n){options}";

        if (provider == SourceProvider.Postgres)
        {
            yield return $"COMMENT ON TABLE {table.Name} IS {Quote(table.Comment)}";
            foreach (var column in table.Columns.Where(c => c.Comment is not null))
            {
                yield return $"COMMENT ON COLUMN {table.Name}.{column.Name} IS {Quote(column.Comment!)}";
            }
        }

        // MySQL indexes foreign keys by itself; the others get the same indexes explicitly.
        if (provider != SourceProvider.MySql)
        {
            foreach (var column in table.Columns.Where(c => c.References is not null))
            {
                yield return $"CREATE INDEX ix_{table.Name}_{column.Name} ON {table.Name} ({column.Name})";
            }
        }
    }

    public static string TypeName(DemoColumn column, SourceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(column);
        var length = column.Length.ToString(CultureInfo.InvariantCulture);
        return (column.Type, provider) switch
        {
            (DemoType.Integer, SourceProvider.Postgres) => "integer",
            (DemoType.Integer, SourceProvider.MySql) => "INT",
            (DemoType.Integer, _) => "INTEGER",
            (DemoType.Text, SourceProvider.Postgres) => $"varchar({length})",
            (DemoType.Text, SourceProvider.Sqlite) => "TEXT",
            (DemoType.Text, _) => $"VARCHAR({length})",
            (DemoType.Money, SourceProvider.Postgres) => "numeric(12,2)",
            (DemoType.Money, _) => "DECIMAL(12,2)",
            (DemoType.Percent, SourceProvider.Postgres) => "numeric(5,2)",
            (DemoType.Percent, _) => "DECIMAL(5,2)",
            (DemoType.Date, SourceProvider.Postgres) => "date",
            (DemoType.Date, _) => "DATE",
            (DemoType.Timestamp, SourceProvider.Postgres) => "timestamp",
            (DemoType.Timestamp, _) => "DATETIME",
            (DemoType.Boolean, SourceProvider.Postgres) => "boolean",
            (DemoType.Boolean, _) => "BOOLEAN",
            _ => throw new ArgumentOutOfRangeException(nameof(column)),
        };
    }

    private static string Quote(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
