namespace Gateway.Generation.Local;

/// <summary>A local Llama/Qwen2-family model folder (config.json, safetensors, tokenizer.json), with optional per-source LoRA adapters.</summary>
public sealed record LocalGeneratorOptions
{
    /// <summary>Required. The Hugging Face model folder.</summary>
    public required string ModelDirectory { get; init; }

    /// <summary>PEFT adapter folders by source name: questions on that source use the base model with its adapter. Optional.</summary>
    public IReadOnlyDictionary<string, string> Adapters { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The prompt template file; null: the shipped <c>models/prompts/text-to-sql.txt</c>.</summary>
    public string? PromptTemplatePath { get; init; }

    /// <summary>Most tokens generated per answer. Default 256.</summary>
    public int MaxNewTokens { get; init; } = 256;

    /// <summary>0 (the default): greedy, one candidate. Above 0 samples, and several candidates come from one batch.</summary>
    public double Temperature { get; init; }

    /// <summary>
    /// Beam width with greedy decoding (temperature 0). Above 1, beam search runs and its best hypotheses are the
    /// candidates (as many as the request asks for, at most this many). Default 1.
    /// </summary>
    public int Beams { get; init; } = 1;

    /// <summary>Tokens in a prompt before its start (the DDL) is cut. Default 4096.</summary>
    public int MaxPromptTokens { get; init; } = 4096;
}
