using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Gateway.Model.Safetensors;

/// <summary>Copies between stored <see cref="TensorData"/> and TorchSharp tensors (CPU, little-endian hosts).</summary>
public static class TorchTensorConversion
{
    /// <summary>A new CPU tensor with the stored values, converted to <paramref name="dtype"/> when given.</summary>
    public static Tensor ToTorch(this TensorData data, ScalarType? dtype = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireLittleEndian();
        var tensor = empty(data.Shape.ToArray(), ToScalarType(data.DType));
        if (data.Bytes.Length > 0)
        {
            tensor.bytes = MemoryMarshal.AsMemory(data.Bytes).Span;
        }

        if (dtype is { } target && target != tensor.dtype)
        {
            using var source = tensor;
            tensor = source.to_type(target);
        }

        return tensor;
    }

    /// <summary>The tensor's values as stored data under <paramref name="name"/>, in its own dtype.</summary>
    public static TensorData ToTensorData(this Tensor tensor, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        RequireLittleEndian();
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().cpu().contiguous();
        var bytes = cpu.numel() == 0 ? [] : cpu.bytes.ToArray();
        return new TensorData(name, ToSafetensors(cpu.dtype), cpu.shape, bytes);
    }

    public static ScalarType ToScalarType(SafetensorsDType dtype) => dtype switch
    {
        SafetensorsDType.F32 => ScalarType.Float32,
        SafetensorsDType.F16 => ScalarType.Float16,
        SafetensorsDType.BF16 => ScalarType.BFloat16,
        SafetensorsDType.F64 => ScalarType.Float64,
        SafetensorsDType.I64 => ScalarType.Int64,
        SafetensorsDType.I32 => ScalarType.Int32,
        SafetensorsDType.I16 => ScalarType.Int16,
        SafetensorsDType.I8 => ScalarType.Int8,
        SafetensorsDType.U8 => ScalarType.Byte,
        SafetensorsDType.Bool => ScalarType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null),
    };

    public static SafetensorsDType ToSafetensors(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => SafetensorsDType.F32,
        ScalarType.Float16 => SafetensorsDType.F16,
        ScalarType.BFloat16 => SafetensorsDType.BF16,
        ScalarType.Float64 => SafetensorsDType.F64,
        ScalarType.Int64 => SafetensorsDType.I64,
        ScalarType.Int32 => SafetensorsDType.I32,
        ScalarType.Int16 => SafetensorsDType.I16,
        ScalarType.Int8 => SafetensorsDType.I8,
        ScalarType.Byte => SafetensorsDType.U8,
        ScalarType.Bool => SafetensorsDType.Bool,
        _ => throw new ModelFormatException($"dtype {dtype} has no safetensors equivalent"),
    };

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors data is little-endian; big-endian hosts are not supported");
        }
    }
}
