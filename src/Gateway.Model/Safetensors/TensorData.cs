namespace Gateway.Model.Safetensors;

/// <summary>One tensor as stored: name, element type, shape and its little-endian bytes (row-major).</summary>
public sealed record TensorData(string Name, SafetensorsDType DType, IReadOnlyList<long> Shape, ReadOnlyMemory<byte> Bytes)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Throws unless the tensor has exactly <paramref name="expected"/> as its shape.</summary>
    public void RequireShape(IReadOnlyList<long> expected)
    {
        if (!Shape.SequenceEqual(expected))
        {
            throw new ModelFormatException(
                $"tensor '{Name}' has shape [{string.Join(", ", Shape)}], expected [{string.Join(", ", expected)}]");
        }
    }
}
