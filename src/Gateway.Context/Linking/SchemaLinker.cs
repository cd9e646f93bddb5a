using System.Runtime.CompilerServices;
using Gateway.Context.Embeddings;
using Gateway.Execution.Schema;
using Gateway.Execution.Sources;

namespace Gateway.Context.Linking;

/// <summary>
/// Picks the part of a schema a question needs, so a large schema fits the prompt: the tables the question
/// mentions (names, columns, descriptions, sample values), the tables closest in meaning, and the tables on the
/// foreign-key paths that join them. A schema whose DDL fits the budget is kept whole. Kept tables always keep
/// their primary and foreign key columns; when the budget is still exceeded, other unmatched columns go first,
/// then the weakest tables.
/// </summary>
public sealed class SchemaLinker(SchemaLinkingOptions? options = null, ITextEmbedder? embedder = null) : IDisposable
{
    private readonly SchemaLinkingOptions _options = options ?? new SchemaLinkingOptions();
    private readonly ConditionalWeakTable<SchemaModel, SchemaIndex> _indexes = [];
    private readonly SemaphoreSlim _vectorLock = new(1, 1);

    public ITextEmbedder? Embedder => embedder;

    /// <summary>
    /// <paramref name="questionVector"/>: the question's vector from <see cref="Embedder"/> when the caller has it; null
    /// computes it here (only when the schema is too big to keep whole).
    /// </summary>
    public async Task<LinkedSchema> LinkAsync(SchemaModel schema, SourceProvider provider, string question, float[]? questionVector = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(question);
        var whole = SchemaDdlWriter.Write(schema, provider);
        if (Tokens(whole) <= _options.TokenBudget)
        {
            return new LinkedSchema(schema, whole, [.. schema.Tables.Select(t => new LinkedTable(t.Name, LinkReason.SmallSchema, "the whole schema fits the budget", 0))], Pruned: false, Tokens(whole));
        }

        var index = _indexes.GetValue(schema, s => new SchemaIndex(s));
        var evidence = LexicalTableMatcher.Match(index, question);
        if (embedder is not null)
        {
            questionVector ??= (await embedder.EmbedAsync([question], cancellationToken).ConfigureAwait(false))[0];
            var vectors = await TableVectorsAsync(embedder, index, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < schema.Tables.Count; i++)
            {
                evidence[schema.Tables[i].Name].Similarity = Vectors.Cosine(questionVector, vectors[i]);
            }
        }

        var chosen = Choose(schema, evidence);
        var graph = new ForeignKeyGraph(schema);
        while (true)
        {
            var kept = WithJoinPaths(chosen, graph);
            var linked = Build(schema, provider, kept, evidence, pruneColumns: false)
                ?? Build(schema, provider, kept, evidence, pruneColumns: true);
            if (linked is not null || chosen.Count <= 1)
            {
                return linked ?? Build(schema, provider, kept, evidence, pruneColumns: true, force: true)!;
            }

            // Over budget even with pruned columns: the weakest table goes (and the paths only it needed).
            chosen.RemoveAt(chosen.Count - 1);
        }
    }

    /// <summary>The tables kept for themselves, strongest first.</summary>
    private List<LinkedTable> Choose(SchemaModel schema, Dictionary<string, TableEvidence> evidence)
    {
        var chosen = evidence.Values
            .Where(e => e.Lexical >= _options.MinLexicalScore)
            .OrderByDescending(e => e.Combined)
            .Select(e => new LinkedTable(e.Table, LinkReason.Mentioned, string.Join("; ", e.Notes), e.Combined))
            .ToList();
        var similar = evidence.Values
            .Where(e => e.Lexical < _options.MinLexicalScore && e.Similarity >= _options.MinSimilarity)
            .OrderByDescending(e => e.Similarity)
            .Take(_options.MaxTablesByMeaning)
            .Select(e => new LinkedTable(e.Table, LinkReason.Similar, $"close in meaning (cosine {e.Similarity:0.00})", e.Combined));
        chosen.AddRange(similar);
        if (chosen.Count == 0)
        {
            chosen.AddRange(evidence.Values
                .OrderByDescending(e => e.Combined)
                .ThenBy(e => schema.Tables.ToList().FindIndex(t => t.Name == e.Table))
                .Take(3)
                .Select(e => new LinkedTable(e.Table, LinkReason.Fallback, e.Notes.Count > 0 ? string.Join("; ", e.Notes) : "nothing matched; among the closest tables", e.Combined)));
        }

        return chosen;
    }

    private List<LinkedTable> WithJoinPaths(List<LinkedTable> chosen, ForeignKeyGraph graph)
    {
        var kept = new List<LinkedTable>(chosen);
        for (var i = 0; i < chosen.Count; i++)
        {
            for (var j = i + 1; j < chosen.Count; j++)
            {
                var between = graph.Between(chosen[i].Name, chosen[j].Name, _options.MaxJoinPath);
                foreach (var table in between ?? [])
                {
                    if (!kept.Any(k => string.Equals(k.Name, table, StringComparison.OrdinalIgnoreCase)))
                    {
                        kept.Add(new LinkedTable(table, LinkReason.JoinPath, $"joins {chosen[i].Name} and {chosen[j].Name}", 0));
                    }
                }
            }
        }

        return kept;
    }

    /// <summary>The pruned schema and its DDL; null when it does not fit the budget (unless <paramref name="force"/>).</summary>
    private LinkedSchema? Build(SchemaModel schema, SourceProvider provider, List<LinkedTable> kept, Dictionary<string, TableEvidence> evidence, bool pruneColumns, bool force = false)
    {
        var names = new HashSet<string>(kept.Select(k => k.Name), StringComparer.OrdinalIgnoreCase);
        var tables = schema.Tables.Where(t => names.Contains(t.Name)).Select(t => Trim(t, names, evidence[t.Name], pruneColumns)).ToList();
        var pruned = schema with { Tables = tables };
        var ddl = SchemaDdlWriter.Write(pruned, provider);
        if (Tokens(ddl) > _options.TokenBudget && !force)
        {
            return null;
        }

        // Listed in schema order, as the DDL is.
        var ordered = tables.Select(t => kept.First(k => string.Equals(k.Name, t.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        return new LinkedSchema(pruned, ddl, ordered, Pruned: true, Tokens(ddl));
    }

    /// <summary>
    /// Foreign keys to dropped tables are left out (the model would join to a table it cannot see), but their
    /// columns stay: a table's keys are always kept whole.
    /// </summary>
    private TableInfo Trim(TableInfo table, HashSet<string> kept, TableEvidence evidence, bool pruneColumns)
    {
        var keys = table.ForeignKeys.Where(k => kept.Contains(k.ReferencedTable)).ToList();
        if (!pruneColumns)
        {
            return table with { ForeignKeys = keys };
        }

        var keyColumns = new HashSet<string>(table.PrimaryKey.Concat(table.ForeignKeys.SelectMany(k => k.Columns)), StringComparer.OrdinalIgnoreCase);
        var others = _options.ColumnsKeptWhenPruned;
        var columns = new List<ColumnInfo>();
        foreach (var column in table.Columns)
        {
            if (keyColumns.Contains(column.Name) || evidence.MatchedColumns.Contains(column.Name))
            {
                columns.Add(column);
            }
            else if (others > 0)
            {
                columns.Add(column);
                others--;
            }
        }

        return table with { Columns = columns, ForeignKeys = keys };
    }

    private async Task<IReadOnlyList<float[]>> TableVectorsAsync(ITextEmbedder model, SchemaIndex index, CancellationToken cancellationToken)
    {
        await _vectorLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!index.Vectors.TryGetValue(model.ModelId, out var vectors))
            {
                vectors = await model.EmbedAsync([.. index.Schema.Tables.Select(SchemaIndex.Describe)], cancellationToken).ConfigureAwait(false);
                index.Vectors[model.ModelId] = vectors;
            }

            return vectors;
        }
        finally
        {
            _vectorLock.Release();
        }
    }

    public void Dispose() => _vectorLock.Dispose();

    /// <summary>About four characters a token, as BPE tokenizers average on English and SQL.</summary>
    public static int Tokens(string text) => ((text?.Length ?? 0) + 3) / 4;
}
