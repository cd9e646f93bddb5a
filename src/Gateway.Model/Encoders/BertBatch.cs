using Gateway.Model.Tokenization;
using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>Encodings padded on the right into int64 tensors [batch, longest]: ids, token types and the 0/1 mask.</summary>
public sealed class BertBatch : IDisposable
{
    private BertBatch(Tensor inputIds, Tensor tokenTypeIds, Tensor attentionMask)
    {
        InputIds = inputIds;
        TokenTypeIds = tokenTypeIds;
        AttentionMask = attentionMask;
    }

    public Tensor InputIds { get; }

    public Tensor TokenTypeIds { get; }

    public Tensor AttentionMask { get; }

    public static BertBatch Create(IReadOnlyList<WordPieceEncoding> encodings, int paddingId = 0)
    {
        ArgumentNullException.ThrowIfNull(encodings);
        if (encodings.Count == 0)
        {
            throw new ArgumentException("at least one encoding is needed", nameof(encodings));
        }

        var longest = encodings.Max(e => e.Length);
        var ids = new long[encodings.Count * longest];
        var types = new long[ids.Length];
        var mask = new long[ids.Length];
        Array.Fill(ids, paddingId);
        for (var row = 0; row < encodings.Count; row++)
        {
            var encoding = encodings[row];
            for (var i = 0; i < encoding.Length; i++)
            {
                var at = (row * longest) + i;
                ids[at] = encoding.Ids[i];
                types[at] = encoding.TypeIds[i];
                mask[at] = 1;
            }
        }

        long[] shape = [encodings.Count, longest];
        return new BertBatch(tensor(ids, shape), tensor(types, shape), tensor(mask, shape));
    }

    public void Dispose()
    {
        InputIds.Dispose();
        TokenTypeIds.Dispose();
        AttentionMask.Dispose();
    }
}
