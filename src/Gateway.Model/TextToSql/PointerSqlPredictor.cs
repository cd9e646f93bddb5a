using System.Collections.Concurrent;
using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Execution;
using Gateway.Evaluation.Spider.Running;

namespace Gateway.Model.TextToSql;

/// <summary>
/// Spider questions through the <see cref="PointerSqlModel"/>, with execution-guided choice: the first candidate that
/// runs without error and returns rows wins; when none returns rows, the first that runs; when none runs, the best.
/// </summary>
public sealed class PointerSqlPredictor : ISqlPredictor
{
    private readonly PointerSqlModel _model;
    private readonly Func<string, string?> _databasePath;
    private readonly PointerExampleBuilder _builder;
    private readonly TimeSpan _queryTimeout;
    private readonly ConcurrentDictionary<string, PointerSchema> _schemas = new(StringComparer.Ordinal);

    /// <param name="databasePath">the SQLite file of a database id, or null when there is none (no cell values, no execution check)</param>
    public PointerSqlPredictor(PointerSqlModel model, Func<string, string?> databasePath, PointerExampleBuilder? builder = null, TimeSpan? queryTimeout = null)
    {
        _model = model;
        _databasePath = databasePath;
        _builder = builder ?? new PointerExampleBuilder();
        _queryTimeout = queryTimeout ?? TimeSpan.FromSeconds(5);
    }

    /// <summary>For <paramref name="dataset"/>'s databases.</summary>
    public PointerSqlPredictor(PointerSqlModel model, SpiderDataset dataset, PointerExampleBuilder? builder = null)
        : this(model, id => dataset?.HasDatabase(id) == true ? dataset.DatabasePath(id) : null, builder)
    {
    }

    public async Task<string> PredictAsync(SpiderQuestion question, SpiderSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(schema);
        var pointerSchema = _schemas.GetOrAdd(schema.DbId, _ => PointerSchemaBuilder.Build(schema));
        var path = _databasePath(schema.DbId);
        var built = await _builder.BuildAsync(pointerSchema, path, question.Question, null, cancellationToken).ConfigureAwait(false);
        var candidates = await _model.PredictAsync(built.Example, cancellationToken).ConfigureAwait(false);
        return await ChooseAsync(candidates, path, _queryTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The execution-guided choice among <paramref name="candidates"/> (best first) on the database at <paramref name="path"/>.</summary>
    internal static async Task<string> ChooseAsync(IReadOnlyList<SqlCandidate> candidates, string? path, TimeSpan queryTimeout, CancellationToken cancellationToken)
    {
        var runner = new SqliteQueryRunner(queryTimeout);
        if (candidates.Count == 0)
        {
            return "";
        }

        if (path is null)
        {
            return candidates[0].Sql;
        }

        string? firstRunning = null;
        foreach (var candidate in candidates)
        {
            var run = await runner.RunAsync(path, candidate.Sql, cancellationToken).ConfigureAwait(false);
            if (!run.Succeeded)
            {
                continue;
            }

            if (run.Rows!.Count > 0 && !AllNull(run))
            {
                return candidate.Sql;
            }

            firstRunning ??= candidate.Sql;
        }

        return firstRunning ?? candidates[0].Sql;
    }

    private static bool AllNull(QueryRun run) => run.Rows!.All(row => row.All(cell => cell.Kind == CellKind.Null));
}
