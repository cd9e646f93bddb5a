using System.Runtime.InteropServices;

namespace Gateway.Context.Embeddings;

/// <summary>Vector helpers: cosine similarity and the byte form vectors are stored in (the machine's float layout).</summary>
public static class Vectors
{
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length == 0 || a.Length != b.Length)
        {
            return 0;
        }

        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    public static byte[] ToBytes(float[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();
    }

    public static float[] FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new FormatException($"a stored vector has {bytes.Length} bytes, not a multiple of {sizeof(float)}");
        }

        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }
}
