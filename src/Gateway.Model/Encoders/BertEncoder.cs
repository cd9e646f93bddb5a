using System.Text.Json.Nodes;
using Gateway.Model.Lora;
using Gateway.Model.Safetensors;
using Gateway.Model.Transformer;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>
/// A pretrained BERT-family encoder (Hugging Face <c>BertModel</c> layout, float32 on the CPU): token states for the
/// encoder side of a text-to-SQL model, or sentence vectors through <see cref="SentencePooling"/>.
/// </summary>
public sealed class BertEncoder : IDisposable
{
    private BertEncoder(BertModule module) => Module = module;

    public BertConfig Config => Module.Config;

    /// <summary>The adapter attached now, if any.</summary>
    public LoraOptions? Lora { get; private set; }

    internal BertModule Module { get; }

    /// <summary>Random weights as HF initialises them: normal(0, <paramref name="std"/>), LayerNorm one, biases zero.</summary>
    public static BertEncoder Create(BertConfig config, long seed = 0, double std = 0.02)
    {
        ArgumentNullException.ThrowIfNull(config);
        var module = new BertModule(config);
        RandomWeights.Initialize(module, seed, std);

        return new BertEncoder(module);
    }

    /// <summary>Builds the encoder from HF-named tensors (every parameter must be present with its shape).</summary>
    public static BertEncoder FromWeights(BertConfig config, TensorSet weights)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(weights);
        var module = new BertModule(config);
        try
        {
            module.LoadWeights(weights);
            return new BertEncoder(module);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    /// <summary>Loads <c>config.json</c> and <c>model.safetensors</c> (or shards) from <paramref name="directory"/>.</summary>
    public static async Task<BertEncoder> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var config = await BertConfig.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        var weights = await SafetensorsCheckpoint.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return FromWeights(config, weights);
    }

    /// <summary>Writes <c>config.json</c> and the base weights (LoRA branches excluded).</summary>
    public async Task SaveAsync(string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await Config.SaveAsync(directory, cancellationToken).ConfigureAwait(false);
        SafetensorsCheckpoint.Save(directory, Module.ExportWeights());
    }

    /// <summary>Token states [batch, seq, hidden] for ids [batch, seq] (int64).</summary>
    /// <param name="tokenTypeIds">segment ids [batch, seq]; null means all zero</param>
    /// <param name="attentionMask">[batch, seq], 1 for tokens, 0 for (right) padding; null when nothing is padded</param>
    public Tensor Forward(Tensor inputIds, Tensor? tokenTypeIds = null, Tensor? attentionMask = null)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        return Module.Forward(inputIds, tokenTypeIds, attentionMask);
    }

    /// <summary>Number of base parameters (LoRA excluded).</summary>
    public long ParameterCount => Module.BaseParameters().Sum(p => p.Parameter.numel());

    /// <summary>Base parameter names, HF style.</summary>
    public IEnumerable<string> ParameterNames => Module.BaseParameters().Select(p => p.Name);

    /// <summary>
    /// Attaches LoRA to the named projections of every layer and freezes the base. Target names:
    /// <c>query</c>, <c>key</c>, <c>value</c>, <c>attention.output.dense</c>, <c>intermediate.dense</c>, <c>output.dense</c>.
    /// </summary>
    public void AddLora(LoraOptions options, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        var known = Module.Layers[0].Projections().Select(p => p.Name).ToList();
        var unknown = options.TargetModules.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ModelFormatException($"LoRA target modules not in a BERT layer: {string.Join(", ", unknown)} (known: {string.Join(", ", known)})");
        }

        if (options.Rank <= 0)
        {
            throw new ModelFormatException($"LoRA rank must be positive, got {options.Rank}");
        }

        if (Lora is not null)
        {
            throw new InvalidOperationException("a LoRA adapter is already attached");
        }

        using var generator = new Generator((ulong)seed);
        foreach (var layer in Module.Layers)
        {
            foreach (var (name, projection) in layer.Projections())
            {
                if (options.TargetModules.Contains(name, StringComparer.Ordinal))
                {
                    projection.AttachLora(options.Rank, options.Scaling, options.Dropout, generator);
                }
            }
        }

        foreach (var (_, parameter) in Module.BaseParameters())
        {
            parameter.requires_grad = false;
        }

        Lora = options;
    }

    /// <summary>
    /// Writes the attached adapter in PEFT's layout for a <c>BertModel</c> (task FEATURE_EXTRACTION): tensors named
    /// <c>base_model.model.encoder.layer.N.attention.self.query.lora_A.weight</c>, and <c>target_modules</c> that
    /// PEFT resolves to exactly the adapted projections.
    /// </summary>
    public void SaveAdapter(string directory, string? baseModel = null)
    {
        var options = Lora ?? throw new InvalidOperationException("no LoRA adapter is attached");
        PeftAdapter.WriteConfig(directory, options, "FEATURE_EXTRACTION", baseModel, BertPeftTargets.ToPeft(options.TargetModules));
        PeftAdapter.WriteWeights(directory, Module.LoraParameters().Select(p => (p.Name, (Tensor)p.Parameter)));
    }

    /// <summary>
    /// Attaches the PEFT adapter in <paramref name="directory"/> (written by PEFT for a <c>BertModel</c>, or for a
    /// BERT task model, whose paths start with <c>bert.</c>): its target_modules matched as PEFT matches them.
    /// </summary>
    public void LoadAdapter(string directory)
    {
        var (options, targets) = PeftAdapter.ReadConfig(directory);
        var weights = PeftAdapter.ReadWeights(directory);
        var shortNames = BertPeftTargets.FromPeft(Module, targets, directory);
        var prefix = weights.Names.Any(n => n.StartsWith("base_model.model.bert.", StringComparison.Ordinal)) ? "base_model.model.bert." : "base_model.model.";
        AddLora(options with { TargetModules = shortNames });
        try
        {
            var expected = Module.LoraParameters().ToList();
            var unexpected = weights.Names.Except(expected.Select(p => prefix + p.Name), StringComparer.Ordinal).FirstOrDefault();
            if (unexpected is not null)
            {
                throw new ModelFormatException($"{weights.Source}: tensor '{unexpected}' matches no LoRA module of the encoder");
            }

            using var noGrad = no_grad();
            foreach (var (name, parameter) in expected)
            {
                using var source = weights.Get(prefix + name, parameter.shape).ToTorch(parameter.dtype);
                parameter.copy_(source);
            }
        }
        catch
        {
            DetachLora();
            throw;
        }
    }

    // Undoes a failed LoadAdapter: the branches go, the base is trainable again.
    private void DetachLora()
    {
        foreach (var layer in Module.Layers)
        {
            foreach (var (_, projection) in layer.Projections())
            {
                projection.DetachLora();
            }
        }

        foreach (var (_, parameter) in Module.BaseParameters())
        {
            parameter.requires_grad = true;
        }

        Lora = null;
    }

    /// <summary>What an optimiser should update: the LoRA parameters when attached, otherwise every parameter.</summary>
    public IReadOnlyList<Parameter> TrainableParameters() =>
        Module.parameters().Where(p => p.requires_grad).ToList();

    public void SetTraining(bool training) => Module.train(training);

    public void Dispose() => Module.Dispose();
}
