using Gateway.Model.Config;

namespace Gateway.Model.Tests.Config;

public sealed class ModelConfigTests
{
    private const string Qwen2Json = """
        {
          "architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 896, "intermediate_size": 4864,
          "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2, "rms_norm_eps": 1e-06,
          "rope_theta": 1000000.0, "vocab_size": 151936, "max_position_embeddings": 32768, "tie_word_embeddings": true,
          "torch_dtype": "bfloat16", "bos_token_id": 151643, "eos_token_id": 151645, "sliding_window": 32768
        }
        """;

    [Fact]
    public void Qwen2_config_reads_its_fields()
    {
        var config = ModelConfig.Parse(Qwen2Json);

        Assert.Equal(896, config.HiddenSize);
        Assert.Equal(2, config.KeyValueHeads);
        Assert.Equal(64, config.HeadDimension);
        Assert.Equal(1e6, config.RopeTheta);
        Assert.True(config.TieWordEmbeddings);
        Assert.True(config.AttentionBias);
        Assert.Equal("bfloat16", config.TorchDType);
        Assert.Equal(new[] { 151645 }, config.EosTokenIds);
    }

    [Fact]
    public void Llama_config_has_no_attention_bias_and_reads_linear_rope_scaling_and_eos_list()
    {
        var config = ModelConfig.Parse("""
            {"model_type": "llama", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
             "num_attention_heads": 4, "vocab_size": 100, "rope_scaling": {"type": "linear", "factor": 4.0},
             "eos_token_id": [1, 2]}
            """);

        Assert.False(config.AttentionBias);
        Assert.Equal(4, config.KeyValueHeads);
        Assert.Equal("linear", config.RopeScaling!.Kind);
        Assert.Equal(4.0, config.RopeScaling.Factor);
        Assert.Equal(new[] { 1, 2 }, config.EosTokenIds);
    }

    [Fact]
    public void Round_trip_through_json_is_equal()
    {
        var config = ModelConfig.Parse(Qwen2Json);

        var again = ModelConfig.Parse(config.ToJson());

        Assert.Equal(config.HiddenSize, again.HiddenSize);
        Assert.Equal(config.EosTokenIds, again.EosTokenIds);
        Assert.Equal(config with { EosTokenIds = null }, again with { EosTokenIds = null });
    }

    [Fact]
    public void Unsupported_rope_scaling_is_rejected_with_the_supported_list()
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelConfig.Parse("""
            {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
             "vocab_size": 100, "rope_scaling": {"rope_type": "longrope", "factor": 4.0}}
            """));

        Assert.Contains("'longrope'", e.Message, StringComparison.Ordinal);
        Assert.Contains("llama3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Llama3_rope_scaling_is_read_with_its_frequency_factors()
    {
        var config = ModelConfig.Parse("""
            {"model_type": "llama", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
             "vocab_size": 100, "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
             "high_freq_factor": 4.0, "original_max_position_embeddings": 8192}}
            """);

        Assert.Equal("llama3", config.RopeScaling!.Kind);
        Assert.Equal(4.0, config.RopeScaling.HighFreqFactor);
        Assert.Equal(8192, config.RopeScaling.OriginalMaxPositionEmbeddings);
    }

    [Fact]
    public void Llama3_rope_scaling_without_its_frequency_factors_is_rejected()
    {
        var e = Assert.Throws<ModelFormatException>(() => ModelConfig.Parse("""
            {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
             "vocab_size": 100, "rope_scaling": {"rope_type": "llama3", "factor": 8.0}}
            """));

        Assert.Contains("low_freq_factor", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Heads_not_dividing_into_key_value_groups_are_rejected()
    {
        Assert.Throws<ModelFormatException>(() => ModelConfig.Parse("""
            {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4,
             "num_key_value_heads": 3, "vocab_size": 100}
            """));
    }
}
