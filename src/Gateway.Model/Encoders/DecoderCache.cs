using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>
/// Per layer: the decoder's past self-attention keys/values (grown one step at a time) and the encoder's
/// cross-attention keys/values (projected once, on the first step, since the encoder states do not change).
/// Owns its tensors.
/// </summary>
public sealed class DecoderCache : IDisposable
{
    private readonly Tensor?[] _selfKeys;
    private readonly Tensor?[] _selfValues;
    private readonly Tensor?[] _crossKeys;
    private readonly Tensor?[] _crossValues;

    public DecoderCache(int layers)
    {
        _selfKeys = new Tensor?[layers];
        _selfValues = new Tensor?[layers];
        _crossKeys = new Tensor?[layers];
        _crossValues = new Tensor?[layers];
    }

    /// <summary>How many decoder positions are cached.</summary>
    public long Length => _selfKeys[^1]?.shape[2] ?? 0;

    internal (Tensor Keys, Tensor Values) AppendSelf(int layer, Tensor keys, Tensor values)
    {
        var k = _selfKeys[layer] is { } pastK ? cat([pastK, keys], 2) : keys.alias();
        var v = _selfValues[layer] is { } pastV ? cat([pastV, values], 2) : values.alias();
        _selfKeys[layer]?.Dispose();
        _selfValues[layer]?.Dispose();
        _selfKeys[layer] = k.DetachFromDisposeScope();
        _selfValues[layer] = v.DetachFromDisposeScope();
        return (k, v);
    }

    internal (Tensor Keys, Tensor Values) CrossOrAdd(int layer, Func<(Tensor Keys, Tensor Values)> project)
    {
        if (_crossKeys[layer] is { } k && _crossValues[layer] is { } v)
        {
            return (k, v);
        }

        var (keys, values) = project();
        _crossKeys[layer] = keys.DetachFromDisposeScope();
        _crossValues[layer] = values.DetachFromDisposeScope();
        return (keys, values);
    }

    public void Dispose()
    {
        foreach (var array in new[] { _selfKeys, _selfValues, _crossKeys, _crossValues })
        {
            for (var i = 0; i < array.Length; i++)
            {
                array[i]?.Dispose();
                array[i] = null;
            }
        }
    }
}
