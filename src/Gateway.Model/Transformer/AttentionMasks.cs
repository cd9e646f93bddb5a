using static TorchSharp.torch;

namespace Gateway.Model.Transformer;

/// <summary>
/// Builds what attention needs from a padding mask: which keys each new query may see (causal and not padding)
/// and each new token's rotary position, counted over real tokens only so that left padding does not shift them.
/// </summary>
internal static class AttentionMasks
{
    /// <param name="attentionMask">[batch, past + seq], 1 for tokens and 0 for padding; null when nothing is padded</param>
    /// <returns>allowed [batch, 1, seq, past + seq] (bool) and positions [batch, seq] (int64)</returns>
    /// <param name="device">where the input ids live: the masks are built there</param>
    public static (Tensor Allowed, Tensor Positions) Build(Tensor? attentionMask, long batch, long past, long seq, Device device)
    {
        using var scope = NewDisposeScope();
        var total = past + seq;
        if (attentionMask is not null && (attentionMask.shape.Length != 2 || attentionMask.shape[0] != batch || attentionMask.shape[1] != total))
        {
            throw new ArgumentException(
                $"attention mask must be [{batch}, {total}] (past + new tokens), got [{string.Join(", ", attentionMask.shape)}]",
                nameof(attentionMask));
        }

        var keys = arange(total, dtype: ScalarType.Int64, device: device).unsqueeze(0);
        var queries = arange(past, total, dtype: ScalarType.Int64, device: device).unsqueeze(1);
        var allowed = keys.le(queries).unsqueeze(0).unsqueeze(0);
        Tensor positions;
        if (attentionMask is null)
        {
            allowed = allowed.expand(batch, 1, seq, total);
            positions = queries.squeeze(1).unsqueeze(0).expand(batch, seq);
        }
        else
        {
            var mask = attentionMask.to(ScalarType.Int64, device);
            allowed = allowed.logical_and(mask.ne(0).unsqueeze(1).unsqueeze(1));
            positions = mask.cumsum(-1).sub(1).clamp_min(0).narrow(1, past, seq);
        }

        return (allowed.contiguous().MoveToOuterDisposeScope(), positions.contiguous().MoveToOuterDisposeScope());
    }
}
