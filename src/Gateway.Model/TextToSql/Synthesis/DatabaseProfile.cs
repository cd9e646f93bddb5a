using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Evaluation.Spider.Execution;
using Microsoft.Data.Sqlite;

namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>What a column is good for in a question, found from its keys, its type and its data.</summary>
public enum ColumnRole
{
    /// <summary>A primary or foreign key, or an id: joined on, never asked about.</summary>
    Identifier,

    /// <summary>Text with a handful of repeated values (a status, a country): filtered and grouped by.</summary>
    Category,

    /// <summary>Text that tells rows apart (a name, a title): listed.</summary>
    Label,

    /// <summary>A number with many values (a price, an age): compared, ordered, summed.</summary>
    Measure,

    /// <summary>Text holding ISO dates (<c>2024-03-05</c>, optionally with a time): filtered by year or by a day.</summary>
    Date,

    /// <summary>Nothing a template can use.</summary>
    Other,
}

/// <summary>One column with its role and a sample of its values (most frequent first; numbers sorted).</summary>
public sealed record ColumnProfile(
    int Index, int TableIndex, string Words, ColumnRole Role, IReadOnlyList<string> TextValues, IReadOnlyList<double> Numbers, int Distinct);

/// <summary>One table: its words in the singular and plural, its row count and its profiled columns.</summary>
public sealed record TableProfile(int Index, string Singular, string Plural, long Rows, IReadOnlyList<ColumnProfile> Columns)
{
    public IEnumerable<ColumnProfile> WithRole(ColumnRole role) => Columns.Where(c => c.Role == role);

    /// <summary>The column that names a row: a label called name or title first, else any label.</summary>
    public ColumnProfile? Label =>
        WithRole(ColumnRole.Label).OrderBy(c => c.Words.Contains("name", StringComparison.Ordinal) || c.Words.Contains("title", StringComparison.Ordinal) ? 0 : 1).FirstOrDefault();
}

/// <summary>A foreign key as a join: <see cref="Child"/>'s key column references <see cref="Parent"/>'s.</summary>
public sealed record JoinEdge(TableProfile Child, int ChildColumn, TableProfile Parent, int ParentColumn);

/// <summary>A database's schema with every table and column profiled from its SQLite file.</summary>
public sealed partial class DatabaseProfile
{
    private const int SampledValues = 40;
    private const int MaxValueLength = 40;

    private DatabaseProfile(PointerSchema schema, string databasePath, IReadOnlyList<TableProfile> tables, IReadOnlyList<JoinEdge> joins)
    {
        Schema = schema;
        DatabasePath = databasePath;
        Tables = tables;
        Joins = joins;
    }

    public PointerSchema Schema { get; }

    public string DatabasePath { get; }

    public IReadOnlyList<TableProfile> Tables { get; }

    public IReadOnlyList<JoinEdge> Joins { get; }

    public string DbId => Schema.DbId;

    /// <summary>The SQL name of column <paramref name="index"/>, quoted where SQLite needs it.</summary>
    public string ColumnSql(int index) => SqlRenderer.Identifier(Schema.Columns[index].Name);

    public string TableSql(TableProfile table) => SqlRenderer.Identifier(Schema.Tables[table.Index].Name);

    public static async Task<DatabaseProfile> ReadAsync(PointerSchema schema, string databasePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(databasePath);
        var keyColumns = schema.ForeignKeys.SelectMany(k => new[] { k.Column, k.ReferencedColumn }).ToHashSet();
        var tables = new List<TableProfile>(schema.Tables.Count);
        var connection = await SpiderConnection.OpenReadOnlyAsync(databasePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            for (var t = 0; t < schema.Tables.Count; t++)
            {
                var tableSql = SqlRenderer.Identifier(schema.Tables[t].Name);
                var rows = await ScalarAsync(connection, $"SELECT count(*) FROM {tableSql}", cancellationToken).ConfigureAwait(false) ?? 0;
                var columns = new List<ColumnProfile>();
                for (var c = 1; c < schema.Columns.Count; c++)
                {
                    if (schema.Columns[c].TableIndex == t)
                    {
                        columns.Add(await ColumnAsync(connection, schema, t, c, rows, keyColumns.Contains(c), cancellationToken).ConfigureAwait(false));
                    }
                }

                var words = SynthesisWords.Natural(schema.Tables[t].DisplayName);
                tables.Add(new TableProfile(t, SynthesisWords.Singular(words), SynthesisWords.Plural(words), rows, columns));
            }
        }

        var joins = schema.ForeignKeys
            .Where(k => schema.Columns[k.Column].TableIndex != schema.Columns[k.ReferencedColumn].TableIndex)
            .Select(k => new JoinEdge(tables[schema.Columns[k.Column].TableIndex], k.Column, tables[schema.Columns[k.ReferencedColumn].TableIndex], k.ReferencedColumn))
            .ToList();
        return new DatabaseProfile(schema, databasePath, tables, joins);
    }

    private static async Task<ColumnProfile> ColumnAsync(
        SqliteConnection connection, PointerSchema schema, int table, int index, long rows, bool inForeignKey, CancellationToken cancellationToken)
    {
        var column = schema.Columns[index];
        var words = SynthesisWords.Natural(column.DisplayName);
        var sql = SqlRenderer.Identifier(column.Name);
        var from = SqlRenderer.Identifier(schema.Tables[table].Name);
        var texts = new List<string>();
        var numbers = new List<double>();
        var distinct = 0;
        try
        {
            distinct = (int)(await ScalarAsync(connection, $"SELECT count(DISTINCT {sql}) FROM {from}", cancellationToken).ConfigureAwait(false) ?? 0);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = $"SELECT {sql}, count(*) FROM {from} WHERE {sql} IS NOT NULL GROUP BY {sql} ORDER BY count(*) DESC LIMIT 200";
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        switch (reader.GetValue(0))
                        {
                            case long l:
                                numbers.Add(l);
                                break;
                            case double d:
                                numbers.Add(d);
                                break;
                            case string s:
                                texts.Add(s);
                                break;
                        }
                    }
                }
            }
        }
        catch (SqliteException)
        {
            // tables.json names a column the file lacks (a few Spider databases): the column gets no role.
            return new ColumnProfile(index, table, words, ColumnRole.Other, [], [], 0);
        }

        var isKey = column.IsPrimaryKey || inForeignKey || words == "id" || words.EndsWith(" id", StringComparison.Ordinal);
        var usableTexts = texts.Where(Usable).Take(SampledValues).ToList();
        numbers.Sort();
        var role = Role(isKey, texts, numbers, distinct, rows);
        return new ColumnProfile(index, table, words, role, role == ColumnRole.Date ? texts.Where(Usable).ToList() : usableTexts, numbers, distinct);
    }

    private static ColumnRole Role(bool isKey, List<string> texts, List<double> numbers, int distinct, long rows)
    {
        if (isKey || distinct < 2)
        {
            return isKey ? ColumnRole.Identifier : ColumnRole.Other;
        }

        if (numbers.Count > texts.Count)
        {
            return distinct >= 3 ? ColumnRole.Measure : ColumnRole.Other;
        }

        if (texts.Count(t => IsoDate().IsMatch(t)) * 5 >= texts.Count * 4)
        {
            return ColumnRole.Date;
        }

        if (distinct <= 25 && distinct < rows && texts.Count(Usable) >= 2)
        {
            return ColumnRole.Category;
        }

        return distinct * 10 >= rows * 7 && texts.Any(Usable) ? ColumnRole.Label : ColumnRole.Other;
    }

    /// <summary>A value a question can quote: short, one line, no quote characters, no padding.</summary>
    private static bool Usable(string text) =>
        text.Length is > 0 and <= MaxValueLength && text.Trim().Length == text.Length && !text.Contains('\'') && !text.Contains('"')
        && !text.Contains('\n') && !text.Contains('%') && text.Any(char.IsLetterOrDigit) && char.IsLetterOrDigit(text[^1]);

    private static async Task<long?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = sql;
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();
}
