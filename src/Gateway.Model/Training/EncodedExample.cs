namespace Gateway.Model.Training;

/// <summary>
/// One example as token ids: the (possibly left-truncated) prompt followed by the answer and the end-of-sequence id.
/// Only the answer positions carry labels; <paramref name="Answer"/> keeps the reference SQL for evaluation.
/// </summary>
public sealed record EncodedExample(IReadOnlyList<int> Ids, int PromptLength, string Answer)
{
    public int Length => Ids.Count;

    /// <summary>The ids to generate from: the prompt alone.</summary>
    public IReadOnlyList<int> PromptIds => Ids.Take(PromptLength).ToList();

    /// <summary>Labels for <see cref="CausalLm.Loss"/>: the answer's ids, <see cref="CausalLm.IgnoreIndex"/> on the prompt.</summary>
    public long[] Labels() =>
        Ids.Select((id, i) => i < PromptLength ? CausalLm.IgnoreIndex : id).ToArray();
}
