using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Matching;

namespace Gateway.Evaluation.Spider.Running;

/// <summary>How one prediction scored.</summary>
/// <param name="Correct">Execution match; null when the question's database is absent and it is left out of execution accuracy.</param>
/// <param name="Exact">Spider's exact (component) match.</param>
/// <param name="Hardness">The gold query's hardness; null when the gold is outside Spider's parser.</param>
/// <param name="PredictionParsed">False when Spider's parser rejects the prediction (it then scores as an empty query).</param>
/// <param name="Partials">Spider's partial-match components for this prediction.</param>
/// <param name="Note">Why execution or parsing failed, for the per-question log.</param>
public sealed record QuestionOutcome(
    SpiderQuestion Question,
    string Predicted,
    bool? Correct,
    bool Exact,
    SpiderHardness? Hardness,
    bool PredictionParsed,
    IReadOnlyList<PartialMatch> Partials,
    string? Note);
