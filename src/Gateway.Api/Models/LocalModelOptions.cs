namespace Gateway.Api.Models;

/// <summary>One local causal language model the gateway serves under a name, loaded on its first request.</summary>
public sealed record LocalModelOptions
{
    /// <summary>Required. The Hugging Face model folder: <c>config.json</c>, safetensors weights, <c>tokenizer.json</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Optional. A PEFT LoRA adapter folder applied on top of the base weights.</summary>
    public string? Adapter { get; init; }

    /// <summary>Tokens generated when a request names no <c>max_tokens</c>, and the most it may ask for. Default 512.</summary>
    public int MaxTokens { get; init; } = 512;

    /// <summary>
    /// Where the model runs: <c>auto</c> (the default: CUDA when the build and machine have it, else the CPU),
    /// <c>cpu</c> or <c>cuda</c>. bfloat16 weights on CUDA, float32 on the CPU.
    /// </summary>
    public string Device { get; init; } = "auto";
}
