namespace Gateway.Model.Lora;

/// <summary>A LoRA adapter's shape, as PEFT's <c>adapter_config.json</c> describes it.</summary>
public sealed record LoraOptions
{
    public static readonly IReadOnlyList<string> AttentionProjections = ["q_proj", "k_proj", "v_proj", "o_proj"];

    /// <summary>Rank r of A [r, in] and B [out, r]. Default 8.</summary>
    public int Rank { get; init; } = 8;

    /// <summary>lora_alpha; the update is scaled by alpha / r (alpha / √r with <see cref="UseRsLora"/>). Default 16.</summary>
    public double Alpha { get; init; } = 16;

    /// <summary>Dropout on the adapter's input while training. Default 0.</summary>
    public double Dropout { get; init; }

    /// <summary>Short names of the projections that get an adapter. Default q_proj, k_proj, v_proj, o_proj.</summary>
    public IReadOnlyList<string> TargetModules { get; init; } = AttentionProjections;

    /// <summary>Rank-stabilised scaling (alpha / √r). Default false.</summary>
    public bool UseRsLora { get; init; }

    public double Scaling => UseRsLora ? Alpha / Math.Sqrt(Rank) : Alpha / Rank;
}
