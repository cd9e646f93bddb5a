namespace Gateway.Generation.Pointer;

/// <summary>The shipped pointer model as a generator: where its folder is and how wide it searches.</summary>
public sealed record PointerGeneratorOptions
{
    /// <summary>Required. The folder holding <c>config.json</c> and <c>weights.safetensors</c> (and <c>training.json</c>).</summary>
    public required string ModelDirectory { get; init; }

    /// <summary>Hypotheses the beam search keeps; the most candidates one request can get. Default 5.</summary>
    public int BeamSize { get; init; } = 5;

    /// <summary>
    /// Where per-source adapters are looked for (<see cref="PointerAdapters.Root"/> of the data directory); null: none.
    /// A source with an adapter folder is answered by it, and the model id says so.
    /// </summary>
    public string? AdapterRoot { get; init; }
}
