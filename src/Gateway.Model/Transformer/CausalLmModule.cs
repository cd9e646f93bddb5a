using Gateway.Model.Config;
using Gateway.Model.Safetensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>
/// The decoder with its language-model head; registered names equal Hugging Face's
/// (<c>model.layers.0.self_attn.q_proj.weight</c>, <c>lm_head.weight</c>), so weights load and save by name.
/// With tied embeddings there is no <c>lm_head</c> and the head reuses <c>model.embed_tokens.weight</c>.
/// </summary>
internal sealed class CausalLmModule : nn.Module
{
    private readonly Linear? _lmHead;

    public CausalLmModule(ModelConfig config)
        : base("CausalLm")
    {
        Config = config;
        Model = new DecoderStack("model", config);
        register_module("model", Model);
        if (!config.TieWordEmbeddings)
        {
            _lmHead = nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false);
            register_module("lm_head", _lmHead);
        }
    }

    public ModelConfig Config { get; }

    public DecoderStack Model { get; }

    /// <summary>Logits [batch, seq, vocab] for <paramref name="inputIds"/> [batch, seq] (int64).</summary>
    public Tensor Forward(Tensor inputIds, Tensor? attentionMask, KvCache? cache)
    {
        using var scope = NewDisposeScope();
        var h = Model.Forward(inputIds, attentionMask, cache);
        var logits = _lmHead is null ? nn.functional.linear(h, Model.EmbedTokens.weight!) : _lmHead.forward(h);
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>Base (non-LoRA) parameters by HF name.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> BaseParameters() =>
        named_parameters().Where(p => !IsLoraName(p.name));

    /// <summary>LoRA parameters by their module path (<c>model.layers.0.self_attn.q_proj.lora_A.weight</c>).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> LoraParameters() =>
        named_parameters().Where(p => IsLoraName(p.name));

    /// <summary>Copies every base parameter from <paramref name="weights"/>, converting dtype; shapes must match.</summary>
    public void LoadWeights(TensorSet weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in BaseParameters())
        {
            using var source = weights.Get(name, parameter.shape).ToTorch(parameter.dtype);
            parameter.copy_(source);
        }
    }

    /// <summary>The base parameters as stored tensors in <paramref name="dtype"/> (the parameters' own when null).</summary>
    public List<TensorData> ExportWeights(ScalarType? dtype = null) =>
        BaseParameters().Select(p =>
        {
            using var converted = dtype is { } d ? p.Parameter.to_type(d) : p.Parameter.alias();
            return converted.ToTensorData(p.Name);
        }).ToList();

    public static bool IsLoraName(string name) =>
        name.Contains(".lora_A.", StringComparison.Ordinal) || name.Contains(".lora_B.", StringComparison.Ordinal);
}
