using System.Collections.Concurrent;
using Gateway.Evaluation.Spider.Execution;

namespace Gateway.Model.TextToSql;

/// <summary>One distinct text cell of a column.</summary>
public readonly record struct DatabaseCell(int ColumnIndex, string Text);

/// <summary>
/// The distinct text values of one database's text columns, looked up by their lower-cased text and by a crude stem
/// (plural endings dropped), so "dogs" in a question finds the cell "Dog".
/// </summary>
public sealed class DatabaseValueIndex
{
    private readonly Dictionary<string, List<DatabaseCell>> _byText;
    private readonly Dictionary<string, List<DatabaseCell>> _byStem;

    private DatabaseValueIndex(Dictionary<string, List<DatabaseCell>> byText, Dictionary<string, List<DatabaseCell>> byStem, IReadOnlyList<DatabaseCell> codes)
    {
        _byText = byText;
        _byStem = byStem;
        Codes = codes;
    }

    public static DatabaseValueIndex Empty { get; } = new([], [], []);

    /// <summary>
    /// The values of columns that hold a handful of short codes ('Y'/'N', 'M'/'F', 'yes'/'no'): a question says
    /// "female" or "on scholarship", never the code, so these are offered whatever the question says.
    /// </summary>
    public IReadOnlyList<DatabaseCell> Codes { get; }

    public int Count => _byText.Values.Sum(cells => cells.Count);

    /// <summary>Cells whose text equals <paramref name="text"/> ignoring case.</summary>
    public IReadOnlyList<DatabaseCell> Exact(string text) =>
        _byText.TryGetValue(text.ToLowerInvariant(), out var cells) ? cells : [];

    /// <summary>Cells whose stem equals the stem of <paramref name="text"/> (and whose text does not: those are <see cref="Exact"/>).</summary>
    public IReadOnlyList<DatabaseCell> SameStem(string text)
    {
        var lower = text.ToLowerInvariant();
        return _byStem.TryGetValue(Stem(lower), out var cells)
            ? cells.Where(c => !string.Equals(c.Text, text, StringComparison.OrdinalIgnoreCase)).ToList()
            : [];
    }

    /// <summary>
    /// An index over cells known without a SQLite file (another engine's sampled distinct values); blank cells and
    /// cells longer than the options allow are left out, as <see cref="ReadAsync"/> leaves them out.
    /// </summary>
    public static DatabaseValueIndex FromCells(IEnumerable<DatabaseCell> cells, ValueCandidateOptions options)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(options);
        var byText = new Dictionary<string, List<DatabaseCell>>(StringComparer.Ordinal);
        var byStem = new Dictionary<string, List<DatabaseCell>>(StringComparer.Ordinal);
        var codes = new List<DatabaseCell>();
        foreach (var column in cells.GroupBy(cell => cell.ColumnIndex))
        {
            var kept = column
                .Where(cell => cell.Text.Trim().Length > 0 && cell.Text.Length <= options.MaxCellLength)
                .DistinctBy(cell => cell.Text, StringComparer.Ordinal)
                .Take(options.MaxCellsPerColumn)
                .ToList();
            foreach (var cell in kept)
            {
                var lower = cell.Text.Trim().ToLowerInvariant();
                Add(byText, lower, cell);
                Add(byStem, Stem(lower), cell);
            }

            if (kept.Count <= options.MaxCodesPerColumn && kept.All(cell => cell.Text.Length <= options.MaxCodeLength))
            {
                codes.AddRange(kept);
            }
        }

        return new DatabaseValueIndex(byText, byStem, codes);
    }

    /// <summary>Reads the distinct values of <paramref name="schema"/>'s text columns from the SQLite file.</summary>
    public static async Task<DatabaseValueIndex> ReadAsync(PointerSchema schema, string sqlitePath, ValueCandidateOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        var byText = new Dictionary<string, List<DatabaseCell>>(StringComparer.Ordinal);
        var byStem = new Dictionary<string, List<DatabaseCell>>(StringComparer.Ordinal);
        var codes = new List<DatabaseCell>();
        var connection = await SpiderConnection.OpenReadOnlyAsync(sqlitePath, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            for (var c = 1; c < schema.Columns.Count; c++)
            {
                var column = schema.Columns[c];
                if (!string.Equals(column.Type, "text", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    var name = SqlRenderer.Identifier(column.Name);
                    command.CommandText = $"SELECT DISTINCT {name} FROM {SqlRenderer.Identifier(schema.Tables[column.TableIndex].Name)} " +
                        $"WHERE typeof({name}) = 'text' AND length({name}) BETWEEN 1 AND $max LIMIT $limit";
                    command.Parameters.AddWithValue("$max", options.MaxCellLength);
                    command.Parameters.AddWithValue("$limit", options.MaxCellsPerColumn);
                    var cells = new List<DatabaseCell>();
                    try
                    {
                        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                        await using (reader.ConfigureAwait(false))
                        {
                            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                            {
                                var text = reader.GetString(0);
                                var trimmed = text.Trim();
                                if (trimmed.Length == 0)
                                {
                                    continue;
                                }

                                var cell = new DatabaseCell(c, text);
                                var lower = trimmed.ToLowerInvariant();
                                Add(byText, lower, cell);
                                Add(byStem, Stem(lower), cell);
                                cells.Add(cell);
                            }
                        }
                    }
                    catch (Microsoft.Data.Sqlite.SqliteException)
                    {
                        // tables.json names a column the file lacks (a few Spider databases): no cells for it.
                    }

                    if (cells.Count <= options.MaxCodesPerColumn && cells.All(cell => cell.Text.Length <= options.MaxCodeLength))
                    {
                        codes.AddRange(cells);
                    }
                }
            }
        }

        return new DatabaseValueIndex(byText, byStem, codes);
    }

    private static void Add(Dictionary<string, List<DatabaseCell>> index, string key, DatabaseCell cell)
    {
        if (!index.TryGetValue(key, out var cells))
        {
            index[key] = cells = [];
        }

        cells.Add(cell);
    }

    /// <summary>Plural and possessive endings dropped from each word of lower-cased text.</summary>
    public static string Stem(string lower)
    {
        ArgumentNullException.ThrowIfNull(lower);
        return string.Join(' ', lower.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(StemWord));
    }

    private static string StemWord(string word)
    {
        if (word.EndsWith("'s", StringComparison.Ordinal))
        {
            word = word[..^2];
        }

        if (word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal))
        {
            return word[..^3] + "y";
        }

        if (word.Length > 4 && (word.EndsWith("ses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal) || word.EndsWith("ches", StringComparison.Ordinal)))
        {
            return word[..^2];
        }

        return word.Length > 3 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;
    }
}

/// <summary>A cache of <see cref="DatabaseValueIndex"/> per database file, so each file is read once.</summary>
public sealed class DatabaseValueCache(ValueCandidateOptions options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<DatabaseValueIndex>>> _indexes = new(StringComparer.Ordinal);

    public Task<DatabaseValueIndex> GetAsync(PointerSchema schema, string sqlitePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(sqlitePath);
        var key = Path.GetFullPath(sqlitePath);
        var lazy = _indexes.GetOrAdd(key, _ => new Lazy<Task<DatabaseValueIndex>>(() => DatabaseValueIndex.ReadAsync(schema, key, options, CancellationToken.None)));
        return lazy.Value.WaitAsync(cancellationToken);
    }
}
