using Gateway.Evaluation.Spider.Matching;

namespace Gateway.Evaluation.Spider.Running;

/// <summary>Counts for one hardness level (or all questions).</summary>
/// <param name="Count">Questions scored.</param>
/// <param name="Executable">Questions whose database exists: the execution-accuracy denominator.</param>
/// <param name="Correct">Execution matches.</param>
/// <param name="Exact">Exact matches; the denominator is <paramref name="Count"/>.</param>
public sealed record SpiderScore(int Count, int Executable, int Correct, int Exact)
{
    public double ExecutionAccuracy => Executable == 0 ? 0 : (double)Correct / Executable;

    public double ExactMatch => Count == 0 ? 0 : (double)Exact / Count;

    internal SpiderScore Add(QuestionOutcome outcome) => new(
        Count + 1,
        Executable + (outcome.Correct is null ? 0 : 1),
        Correct + (outcome.Correct == true ? 1 : 0),
        Exact + (outcome.Exact ? 1 : 0));
}

/// <summary>The totals of a run, overall and by Spider hardness.</summary>
public sealed record SpiderReport(
    SpiderScore All,
    IReadOnlyDictionary<SpiderHardness, SpiderScore> ByHardness,
    int GoldOutsideGrammar,
    int PredictionsOutsideGrammar,
    IReadOnlyList<string> MissingDatabases,
    IReadOnlyList<PartialScore> Partial);

/// <summary>Accumulates outcomes into a <see cref="SpiderReport"/>.</summary>
public sealed class SpiderReportBuilder
{
    private readonly Dictionary<SpiderHardness, SpiderScore> _byHardness = Enum.GetValues<SpiderHardness>().ToDictionary(h => h, _ => new SpiderScore(0, 0, 0, 0));
    private readonly SortedSet<string> _missing = new(StringComparer.Ordinal);
    private readonly PartialScoreBuilder _partial = new();
    private SpiderScore _all = new(0, 0, 0, 0);
    private int _goldOutside;
    private int _predictedOutside;

    public SpiderScore Current => _all;

    public void Add(QuestionOutcome outcome)
    {
        _all = _all.Add(outcome);
        if (outcome.Hardness is { } hardness)
        {
            _byHardness[hardness] = _byHardness[hardness].Add(outcome);
        }
        else
        {
            _goldOutside++;
        }

        _partial.Add(outcome.Partials);
        _predictedOutside += outcome.PredictionParsed ? 0 : 1;
        if (outcome.Correct is null)
        {
            _missing.Add(outcome.Question.DbId);
        }
    }

    public SpiderReport Build() => new(_all, new Dictionary<SpiderHardness, SpiderScore>(_byHardness), _goldOutside, _predictedOutside, [.. _missing], _partial.Build());
}
