using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>
/// Keys and values of past positions, per layer, each [batch, kvHeads, length, headDim], so incremental decoding
/// only computes the new positions. Owns its tensors.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] _keys;
    private readonly Tensor?[] _values;

    public KvCache(int layers)
    {
        _keys = new Tensor?[layers];
        _values = new Tensor?[layers];
    }

    /// <summary>How many positions are cached (the same for every layer once a forward pass has completed).</summary>
    public long Length => _keys[^1]?.shape[2] ?? 0;

    /// <summary>Appends the new keys/values of <paramref name="layer"/> and returns all of them (past + new).</summary>
    internal (Tensor Keys, Tensor Values) Append(int layer, Tensor keys, Tensor values)
    {
        var k = _keys[layer] is { } pastK ? cat([pastK, keys], 2) : keys.alias();
        var v = _values[layer] is { } pastV ? cat([pastV, values], 2) : values.alias();
        _keys[layer]?.Dispose();
        _values[layer]?.Dispose();
        _keys[layer] = k.DetachFromDisposeScope();
        _values[layer] = v.DetachFromDisposeScope();
        return (k, v);
    }

    /// <summary>
    /// Keeps, for each new row i, the cached keys/values of old row <paramref name="rows"/>[i] (int64): beam search
    /// moves each surviving hypothesis onto the cache of the beam it extends.
    /// </summary>
    internal void Reorder(Tensor rows)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (_keys[i] is { } k && _values[i] is { } v)
            {
                _keys[i] = k.index_select(0, rows).DetachFromDisposeScope();
                _values[i] = v.index_select(0, rows).DetachFromDisposeScope();
                k.Dispose();
                v.Dispose();
            }
        }
    }

    public void Dispose()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            _keys[i]?.Dispose();
            _values[i]?.Dispose();
            _keys[i] = null;
            _values[i] = null;
        }
    }
}
