using Gateway.Evaluation.Spider.Execution;
using Gateway.Evaluation.Spider.Matching;

namespace Gateway.Evaluation.Demo;

/// <summary>One question's verdict: whether the predicted SQL returned the gold result, and why not when it did not.</summary>
public sealed record DemoOutcome(DemoQuestion Question, string? Predicted, bool Correct, string? Error);

/// <summary>Execution accuracy over the suite, overall and by hardness.</summary>
public sealed record DemoScore(IReadOnlyList<DemoOutcome> Outcomes)
{
    public int Count => Outcomes.Count;

    public int Correct => Outcomes.Count(o => o.Correct);

    public double ExecutionAccuracy => Count == 0 ? 0 : (double)Correct / Count;

    public IReadOnlyDictionary<SpiderHardness, (int Count, int Correct)> ByHardness =>
        Outcomes.GroupBy(o => o.Question.Hardness).OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => (g.Count(), g.Count(o => o.Correct)));
}

/// <summary>
/// Scores predicted SQL for the demo suite by execution accuracy on a demo database file: gold and prediction run
/// read-only, each interrupted after the timeout, and their results compare as multisets of rows (as sequences when
/// the gold orders its result at the top level), values only, as <c>gateway eval spider</c> compares them. A
/// question without a prediction, or whose prediction fails, is wrong.
/// </summary>
public sealed class DemoSuiteScorer(string databasePath, TimeSpan? timeout = null)
{
    private readonly SqliteQueryRunner _runner = new(timeout ?? TimeSpan.FromSeconds(30));

    public async Task<DemoScore> ScoreAsync(IReadOnlyList<DemoQuestion> suite, IReadOnlyDictionary<string, string> predictions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(predictions);
        var outcomes = new List<DemoOutcome>(suite.Count);
        foreach (var question in suite)
        {
            outcomes.Add(await ScoreAsync(question, predictions.GetValueOrDefault(question.Id), cancellationToken).ConfigureAwait(false));
        }

        return new DemoScore(outcomes);
    }

    public async Task<DemoOutcome> ScoreAsync(DemoQuestion question, string? predicted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (string.IsNullOrWhiteSpace(predicted))
        {
            return new DemoOutcome(question, predicted, false, "no prediction");
        }

        var gold = await _runner.RunAsync(databasePath, question.Sql, cancellationToken).ConfigureAwait(false);
        if (!gold.Succeeded)
        {
            throw new InvalidOperationException($"{question.Id}: the gold SQL failed on {databasePath}: {gold.Error}");
        }

        var run = await _runner.RunAsync(databasePath, predicted, cancellationToken).ConfigureAwait(false);
        if (!run.Succeeded)
        {
            return new DemoOutcome(question, predicted, false, run.Error);
        }

        return ResultComparer.Same(run.Rows!, gold.Rows!, HasTopLevelOrderBy(question.Sql))
            ? new DemoOutcome(question, predicted, true, null)
            : new DemoOutcome(question, predicted, false, "different result");
    }

    /// <summary>An ORDER BY outside every parenthesis and string literal: the gold's row order is part of its answer.</summary>
    internal static bool HasTopLevelOrderBy(string sql)
    {
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '(')
            {
                depth++;
            }
            else if (!quoted && c == ')')
            {
                depth--;
            }
            else if (!quoted && depth == 0 && (i == 0 || !char.IsLetterOrDigit(sql[i - 1]) && sql[i - 1] != '_')
                && string.Compare(sql, i, "ORDER BY", 0, 8, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
