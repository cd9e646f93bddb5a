using Gateway.Model.Safetensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>
/// A small transformer decoder that attends to <see cref="BertEncoder"/> states: the generating half of an
/// encoder-decoder text-to-SQL model. Incremental decoding goes through a <see cref="DecoderCache"/>.
/// </summary>
public sealed class CrossAttentionDecoder : IDisposable
{
    private CrossAttentionDecoder(CrossAttentionDecoderModule module) => Module = module;

    public CrossAttentionDecoderConfig Config => Module.Config;

    internal CrossAttentionDecoderModule Module { get; }

    /// <summary>Random weights: normal(0, <paramref name="std"/>), LayerNorm one, biases zero.</summary>
    public static CrossAttentionDecoder Create(CrossAttentionDecoderConfig config, long seed = 0, double std = 0.02)
    {
        ArgumentNullException.ThrowIfNull(config);
        var module = new CrossAttentionDecoderModule(config);
        RandomWeights.Initialize(module, seed, std);

        return new CrossAttentionDecoder(module);
    }

    /// <summary>Loads <c>config.json</c> and <c>model.safetensors</c> written by <see cref="SaveAsync"/>.</summary>
    public static async Task<CrossAttentionDecoder> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var config = await CrossAttentionDecoderConfig.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        var weights = await SafetensorsCheckpoint.LoadAsync(directory, cancellationToken).ConfigureAwait(false);
        var module = new CrossAttentionDecoderModule(config);
        try
        {
            using var noGrad = no_grad();
            foreach (var (name, parameter) in module.named_parameters())
            {
                using var source = weights.Get(name, parameter.shape).ToTorch(parameter.dtype);
                parameter.copy_(source);
            }

            return new CrossAttentionDecoder(module);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    /// <summary>Writes <c>config.json</c> and every parameter to <c>model.safetensors</c> in <paramref name="directory"/>.</summary>
    public async Task SaveAsync(string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await Config.SaveAsync(directory, cancellationToken).ConfigureAwait(false);
        SafetensorsCheckpoint.Save(directory, Module.named_parameters().Select(p => p.parameter.ToTensorData(p.name)).ToList());
    }

    /// <summary>Logits [batch, seq, vocab] for decoder ids [batch, seq] given encoder states [batch, source, hidden].</summary>
    /// <param name="encoderMask">[batch, source], 0 on encoder padding; null when nothing is padded</param>
    /// <param name="cache">past decoder keys/values and the encoder's projected keys/values; null for a full pass</param>
    public Tensor Forward(Tensor inputIds, Tensor encoderStates, Tensor? encoderMask = null, DecoderCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(inputIds);
        ArgumentNullException.ThrowIfNull(encoderStates);
        return Module.Forward(inputIds, encoderStates, encoderMask, cache);
    }

    public DecoderCache NewCache() => new(Config.NumLayers);

    public IReadOnlyList<(string Name, Parameter Parameter)> NamedParameters() => Module.named_parameters().ToList();

    public void SetTraining(bool training) => Module.train(training);

    public void Dispose() => Module.Dispose();
}
