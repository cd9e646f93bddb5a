using Gateway.Model.Config;
using Gateway.Model.Generation;
using Gateway.Model.Lora;
using Gateway.Model.Safetensors;
using Gateway.Model.Transformer;
using TorchSharp;
using static TorchSharp.torch;

namespace Gateway.Model;

/// <summary>
/// A Llama/Qwen2-family causal language model on the CPU: load from (and save to) a Hugging Face folder
/// (<c>config.json</c> + safetensors), run forward passes with an optional KV cache, and add, load, save or merge
/// LoRA adapters in PEFT's layout. Not thread-safe: run one forward pass or generation at a time per instance.
/// </summary>
public sealed class CausalLm : IDisposable
{
    private CausalLm(CausalLmModule module, LoraOptions? lora, ModelDevice device)
    {
        Module = module;
        Lora = lora;
        Device = device;
        Module.eval();
    }

    /// <summary>Where the weights live; inputs given to <see cref="Forward"/> must be there too.</summary>
    public ModelDevice Device { get; }

    private readonly Dictionary<string, LoraOptions> _namedAdapters = new(StringComparer.Ordinal);

    public ModelConfig Config => Module.Config;

    /// <summary>The adapter attached now, if any.</summary>
    public LoraOptions? Lora { get; private set; }

    internal CausalLmModule Module { get; }

    /// <summary>A model with random weights (as HF initialises: normal(0, <paramref name="std"/>), norms one, biases zero).</summary>
    public static CausalLm Create(ModelConfig config, long seed = 0, double std = 0.02)
    {
        ArgumentNullException.ThrowIfNull(config);
        var module = new CausalLmModule(config);
        RandomWeights.Initialize(module, seed, std);

        return new CausalLm(module, null, ModelDevice.Cpu);
    }

    /// <summary>
    /// Loads <c>config.json</c> and the safetensors weights of <paramref name="directory"/>, in <paramref name="dtype"/>
    /// (float32 by default: the CPU's fast path), and the PEFT adapter of <paramref name="adapterDirectory"/> if given.
    /// </summary>
    public static CausalLm Load(string directory, string? adapterDirectory = null, ScalarType dtype = ScalarType.Float32) =>
        Build(ModelConfig.Load(directory), SafetensorsCheckpoint.Load(directory), adapterDirectory, dtype, ModelDevice.Cpu);

    /// <summary>
    /// Loads the model onto <paramref name="device"/> in that device's dtype (bfloat16 on CUDA, float32 on the CPU),
    /// and the PEFT adapter of <paramref name="adapterDirectory"/> if given.
    /// </summary>
    public static CausalLm Load(string directory, ModelDevice device, string? adapterDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(device);
        return Build(ModelConfig.Load(directory), SafetensorsCheckpoint.Load(directory), adapterDirectory, device.DType, device);
    }

    /// <summary><see cref="Load(string, ModelDevice, string?)"/> with asynchronous reads of the config and weight files.</summary>
    public static async Task<CausalLm> LoadAsync(
        string directory, ModelDevice device, string? adapterDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        var config = await ModelConfig.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        var weights = await SafetensorsCheckpoint.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return Build(config, weights, adapterDirectory, device.DType, device);
    }

    /// <summary><see cref="Load"/> with asynchronous reads of the config and weight files.</summary>
    public static async Task<CausalLm> LoadAsync(
        string directory, string? adapterDirectory = null, ScalarType dtype = ScalarType.Float32, CancellationToken cancellationToken = default)
    {
        var config = await ModelConfig.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        var weights = await SafetensorsCheckpoint.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return Build(config, weights, adapterDirectory, dtype, ModelDevice.Cpu);
    }

    private static CausalLm Build(ModelConfig config, TensorSet weights, string? adapterDirectory, ScalarType dtype, ModelDevice device)
    {
        var module = new CausalLmModule(config);
        try
        {
            module.to(dtype);
            if (device.Type != DeviceType.CPU)
            {
                module.to(device.Device);
            }

            // Weights are read on the CPU and copied into the parameters wherever those live.
            module.LoadWeights(weights);
            var model = new CausalLm(module, null, device);
            if (adapterDirectory is not null)
            {
                model.LoadAdapter(adapterDirectory);
            }

            return model;
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    /// <summary>Writes <c>config.json</c> and the base weights (LoRA excluded; merge first to keep it).</summary>
    public void Save(string directory, long maxShardBytes = 4L << 30)
    {
        Directory.CreateDirectory(directory);
        Config.Save(directory);
        SafetensorsCheckpoint.Save(directory, Module.ExportWeights(), maxShardBytes);
    }

    /// <summary>Logits [batch, seq, vocab] for token ids [batch, seq] (int64); see <see cref="KvCache"/> for decoding.</summary>
    /// <param name="attentionMask">[batch, cached + seq], 1 for tokens, 0 for padding; null when nothing is padded</param>
    /// <param name="cache">past keys/values, extended with this call's tokens; null for a stateless pass</param>
    public Tensor Forward(Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        return Module.Forward(inputIds, attentionMask, cache);
    }

    public KvCache NewCache() => new(Config.NumHiddenLayers);

    /// <summary>Labels with this value (as in HF) add nothing to <see cref="Loss"/>: prompt and padding positions.</summary>
    public const long IgnoreIndex = -100;

    /// <summary>
    /// Mean next-token cross-entropy: position t's logits predict <paramref name="labels"/>[t + 1], as HF shifts them;
    /// labels equal to <see cref="IgnoreIndex"/> are skipped.
    /// </summary>
    public Tensor Loss(Tensor inputIds, Tensor labels, Tensor? attentionMask = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var logits = Forward(inputIds, attentionMask);
        var seq = logits.shape[1];
        var predicted = logits.narrow(1, 0, seq - 1).reshape(-1, logits.shape[2]).to_type(ScalarType.Float32);
        var targets = labels.narrow(1, 1, seq - 1).reshape(-1);
        return nn.functional.cross_entropy(predicted, targets, ignore_index: IgnoreIndex).MoveToOuterDisposeScope();
    }

    /// <summary>The parameters an optimiser should update: the LoRA matrices once an adapter is attached, else all.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> TrainableParameters() =>
        Module.parameters().Where(p => p.requires_grad).ToList();

    /// <summary>Training mode turns LoRA dropout on; the model starts (and generates) in evaluation mode.</summary>
    public void SetTraining(bool training)
    {
        if (training)
        {
            Module.train();
        }
        else
        {
            Module.eval();
        }
    }

    /// <summary>
    /// Continues each prompt (token ids) as <paramref name="options"/> say; prompts may differ in length. With
    /// <see cref="GenerationOptions.NumBeams"/> above 1, the best beam of each prompt.
    /// </summary>
    public IReadOnlyList<GenerationResult> Generate(
        IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.NumBeams > 1
            ? [.. GenerateBeams(prompts, options, cancellationToken).Select(beams => beams[0])]
            : new TextGenerator(this).Generate(prompts, options, cancellationToken);
    }

    /// <summary>
    /// Beam search (width <see cref="GenerationOptions.NumBeams"/>, 1 included): per prompt, the finished hypotheses
    /// best first by <see cref="GenerationResult.Score"/>, at most the beam width of them.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<GenerationResult>> GenerateBeams(
        IReadOnlyList<IReadOnlyList<int>> prompts, GenerationOptions options, CancellationToken cancellationToken = default) =>
        new BeamSearch(this).Run(prompts, options, cancellationToken);

    /// <summary>Attaches a fresh adapter (B zero, so outputs are unchanged) and freezes the base weights for training.</summary>
    public void AddLora(LoraOptions options, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireNoAdapter();
        using var generator = new Generator((ulong)seed);
        LoraInjection.Attach(Module, options, generator);
        if (Device.Type != DeviceType.CPU)
        {
            // The adapter's matrices are created on the CPU; bring them next to the base weights.
            Module.to(Device.Device);
        }
        foreach (var (_, parameter) in Module.BaseParameters())
        {
            parameter.requires_grad = false;
        }

        Lora = options;
    }

    /// <summary>Attaches the PEFT adapter stored in <paramref name="directory"/>.</summary>
    public void LoadAdapter(string directory)
    {
        RequireNoAdapter();
        var options = PeftAdapter.ReadOptions(directory);
        AddLora(options);
        PeftAdapter.LoadWeights(Module, directory);
    }

    /// <summary>Writes the attached adapter in PEFT's layout.</summary>
    public void SaveAdapter(string directory, string? baseModel = null)
    {
        var options = Lora ?? throw new InvalidOperationException("no LoRA adapter is attached");
        PeftAdapter.Save(Module, options, directory, baseModel);
    }

    /// <summary>Folds the adapter into the base weights and removes it.</summary>
    public void MergeLora()
    {
        LoraInjection.Merge(Module);
        Lora = null;
    }

    /// <summary>The adapters loaded by <see cref="LoadNamedAdapter"/>, by name.</summary>
    public IReadOnlyDictionary<string, LoraOptions> NamedAdapters => _namedAdapters;

    /// <summary>The named adapter every forward pass applies now; null: the base model (plus any attached adapter).</summary>
    public string? SelectedAdapter { get; private set; }

    /// <summary>
    /// Loads the PEFT adapter in <paramref name="directory"/> as <paramref name="name"/>, for inference, beside the
    /// base weights and any other named adapters: one copy of the base serves them all, and
    /// <see cref="SelectAdapter"/> picks the one a request uses (no merge). Loading again under a name replaces it.
    /// </summary>
    public LoraOptions LoadNamedAdapter(string name, string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(directory);
        var options = PeftAdapter.LoadNamed(Module, name, directory);
        if (Device.Type != DeviceType.CPU)
        {
            Module.to(Device.Device);
        }
        _namedAdapters[name] = options;
        if (SelectedAdapter == name)
        {
            SelectAdapter(name);
        }

        return options;
    }

    /// <summary>Applies the named adapter <paramref name="name"/> from now on; null applies none.</summary>
    public void SelectAdapter(string? name)
    {
        if (name is not null && !_namedAdapters.ContainsKey(name))
        {
            throw new ArgumentException(
                $"no adapter named '{name}' is loaded (loaded: {(_namedAdapters.Count == 0 ? "none" : string.Join(", ", _namedAdapters.Keys))})",
                nameof(name));
        }

        foreach (var projection in Projections())
        {
            projection.SelectNamedLora(name);
        }

        SelectedAdapter = name;
    }

    /// <summary>Forgets the named adapter (selecting the base model if it was selected).</summary>
    public void RemoveNamedAdapter(string name)
    {
        if (_namedAdapters.Remove(name))
        {
            foreach (var projection in Projections())
            {
                projection.RemoveNamedLora(name);
            }

            if (SelectedAdapter == name)
            {
                SelectedAdapter = null;
            }
        }
    }

    public void Dispose() => Module.Dispose();

    private IEnumerable<LinearProjection> Projections() => Module.modules().OfType<LinearProjection>();

    private void RequireNoAdapter()
    {
        if (Lora is not null)
        {
            throw new InvalidOperationException("a LoRA adapter is already attached; merge it first");
        }
    }
}
