namespace Gateway.Model.Training;

/// <summary>What one optimiser step did, reported as it finishes.</summary>
/// <param name="Step">1-based step just finished.</param>
/// <param name="Loss">Mean loss over the step's answer tokens.</param>
/// <param name="TokensPerSecond">Real (non-padding) tokens per second since this run (or resume) started.</param>
/// <param name="Remaining">Estimated time to the last step at the rate so far.</param>
public sealed record TrainingProgress(int Step, int TotalSteps, double Loss, double LearningRate, double TokensPerSecond, TimeSpan Elapsed, TimeSpan Remaining);

/// <summary>Held-out figures after a step, as appended to <c>eval.jsonl</c>.</summary>
/// <param name="ExactMatch">Share of generated answers equal to the reference after <see cref="SqlText.Normalize"/>.</param>
public sealed record EvaluationResult(
    int Step, double Loss, int Examples, int Generated, double ExactMatch, double Rouge1, double Rouge2, double RougeL, double Bleu4);

/// <summary>The outcome of <see cref="Trainer.Run"/>.</summary>
/// <param name="Elapsed">Training time, evaluation and checkpoint writing left out.</param>
/// <param name="StepLosses">The loss of every step run in this call, in order (resumed runs start after the checkpoint).</param>
public sealed record TrainingSummary(
    int StartStep, int FinalStep, int TotalSteps, IReadOnlyList<double> StepLosses, long Tokens, TimeSpan Elapsed, IReadOnlyList<EvaluationResult> Evaluations)
{
    public double TokensPerSecond => Elapsed.TotalSeconds > 0 ? Tokens / Elapsed.TotalSeconds : 0;
}
