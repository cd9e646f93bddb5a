using System.Runtime.CompilerServices;
using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Execution;
using Gateway.Evaluation.Spider.Matching;
using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Spider.Running;

/// <summary>
/// Scores a predictor on Spider questions: exact match and hardness as Spider's evaluator computes them, and execution
/// accuracy on the question's SQLite file where it exists. Questions are scored one at a time, in order.
/// </summary>
public sealed class SpiderEvaluator
{
    private readonly SpiderDataset _dataset;
    private readonly ISqlPredictor _predictor;
    private readonly SqliteQueryRunner _runner;
    private readonly Dictionary<string, ExactMatchScorer> _scorers = new(StringComparer.Ordinal);

    /// <param name="queryTimeout">Longest a single gold or predicted query may run.</param>
    public SpiderEvaluator(SpiderDataset dataset, ISqlPredictor predictor, TimeSpan queryTimeout)
    {
        _dataset = dataset;
        _predictor = predictor;
        _runner = new SqliteQueryRunner(queryTimeout);
    }

    public async IAsyncEnumerable<QuestionOutcome> EvaluateAsync(
        IEnumerable<SpiderQuestion> questions, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var question in questions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await EvaluateOneAsync(question, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<QuestionOutcome> EvaluateOneAsync(SpiderQuestion question, CancellationToken cancellationToken = default)
    {
        if (!_dataset.Schemas.TryGetValue(question.DbId, out var schema))
        {
            throw new SpiderDataException($"tables.json has no schema for database '{question.DbId}'.");
        }

        var predicted = await _predictor.PredictAsync(question, schema, cancellationToken).ConfigureAwait(false) ?? "";
        predicted = predicted.Trim();
        var scorer = await ScorerAsync(schema, cancellationToken).ConfigureAwait(false);
        var match = scorer.Score(question.GoldSql, predicted);
        var note = match.Error ?? (match.PredictionParsed ? null : "prediction is outside Spider's SQL grammar");

        bool? correct = null;
        if (_dataset.HasDatabase(question.DbId))
        {
            (correct, var executionNote) = await ExecuteAsync(question, predicted, match.GoldHasTopLevelOrderBy, cancellationToken).ConfigureAwait(false);
            note = note is null || executionNote is null ? note ?? executionNote : note + "; " + executionNote;
        }

        return new QuestionOutcome(question, predicted, correct, match.Exact, match.Hardness, match.PredictionParsed, match.Partials, note);
    }

    private async Task<(bool Correct, string? Note)> ExecuteAsync(SpiderQuestion question, string predicted, bool ordered, CancellationToken cancellationToken)
    {
        var path = _dataset.DatabasePath(question.DbId);
        var gold = await _runner.RunAsync(path, question.GoldSql, cancellationToken).ConfigureAwait(false);
        if (!gold.Succeeded)
        {
            return (false, $"gold failed: {gold.Error}");
        }

        if (predicted.Length == 0)
        {
            return (false, "empty prediction");
        }

        var run = await _runner.RunAsync(path, predicted, cancellationToken).ConfigureAwait(false);
        return run.Succeeded
            ? (ResultComparer.Same(run.Rows!, gold.Rows!, ordered), null)
            : (false, $"prediction failed: {run.Error}");
    }

    /// <summary>
    /// One scorer per database. Names come from the SQLite file when it exists, as Spider's evaluator reads them,
    /// else from <c>tables.json</c>.
    /// </summary>
    private async Task<ExactMatchScorer> ScorerAsync(SpiderSchema schema, CancellationToken cancellationToken)
    {
        if (_scorers.TryGetValue(schema.DbId, out var scorer))
        {
            return scorer;
        }

        var names = _dataset.HasDatabase(schema.DbId)
            ? await SpiderNameSchema.FromDatabaseAsync(_dataset.DatabasePath(schema.DbId), cancellationToken).ConfigureAwait(false)
            : SpiderNameSchema.FromSchema(schema);
        scorer = new ExactMatchScorer(names, schema);
        _scorers[schema.DbId] = scorer;
        return scorer;
    }
}
