using Gateway.Model.Safetensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>
/// HF's <c>BertModel</c> without the pooler: <c>embeddings.*</c> and <c>encoder.layer.N.*</c>, registered under the
/// same names so checkpoints load and save by name.
/// </summary>
internal sealed class BertModule : nn.Module
{
    public BertModule(BertConfig config)
        : base("Bert")
    {
        Config = config;
        Embeddings = new BertEmbeddings("embeddings", config);
        Layers = nn.ModuleList(Enumerable.Range(0, config.NumHiddenLayers)
            .Select(i => new BertLayer(i.ToString(System.Globalization.CultureInfo.InvariantCulture), config)).ToArray());
        var encoder = new ModuleGroup("encoder");
        encoder.Add("layer", Layers);
        register_module("embeddings", Embeddings);
        register_module("encoder", encoder);
    }

    public BertConfig Config { get; }

    public BertEmbeddings Embeddings { get; }

    public ModuleList<BertLayer> Layers { get; }

    /// <summary>Token states [batch, seq, hidden].</summary>
    public Tensor Forward(Tensor inputIds, Tensor? tokenTypeIds, Tensor? attentionMask)
    {
        using var scope = NewDisposeScope();
        var (batch, seq) = (inputIds.shape[0], inputIds.shape[1]);
        if (seq > Config.MaxPositionEmbeddings)
        {
            throw new ArgumentException($"sequence length {seq} exceeds max_position_embeddings {Config.MaxPositionEmbeddings}", nameof(inputIds));
        }

        var types = tokenTypeIds ?? zeros_like(inputIds);
        var allowed = attentionMask is null
            ? ones(batch, 1, 1, seq, dtype: ScalarType.Bool, device: inputIds.device)
            : attentionMask.ne(0).view(batch, 1, 1, seq);
        var h = Embeddings.Forward(inputIds, types);
        foreach (var layer in Layers)
        {
            h = layer.Forward(h, allowed);
        }

        return h.MoveToOuterDisposeScope();
    }

    public IEnumerable<(string Name, Parameter Parameter)> BaseParameters() =>
        named_parameters().Where(p => !IsLoraName(p.name));

    public IEnumerable<(string Name, Parameter Parameter)> LoraParameters() =>
        named_parameters().Where(p => IsLoraName(p.name));

    /// <summary>Copies every base parameter from <paramref name="weights"/>; a missing or mis-shaped tensor throws.</summary>
    public void LoadWeights(TensorSet weights)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in BaseParameters())
        {
            using var source = weights.Get(name, parameter.shape).ToTorch(parameter.dtype);
            parameter.copy_(source);
        }
    }

    public List<TensorData> ExportWeights() =>
        BaseParameters().Select(p => p.Parameter.ToTensorData(p.Name)).ToList();

    private static bool IsLoraName(string name) =>
        name.Contains(".lora_A.", StringComparison.Ordinal) || name.Contains(".lora_B.", StringComparison.Ordinal);
}
