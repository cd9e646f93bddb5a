using TorchSharp;
using static TorchSharp.torch;

namespace Gateway.Model;

/// <summary>What the user asked for: <c>auto</c> (CUDA when available, else the CPU), <c>cpu</c> or <c>cuda</c>.</summary>
public enum ModelDevicePreference
{
    Auto,
    Cpu,
    Cuda,
}

/// <summary>
/// The device a model runs on and the floating-point type its weights take there: bfloat16 on CUDA (half the memory
/// and the tensor cores' fast path), float32 on the CPU (the CPU has no fast bf16 matmul in libtorch's CPU build).
/// </summary>
public sealed record ModelDevice
{
    /// <summary>The message when CUDA is asked for but this build or machine has none.</summary>
    public const string CudaUnavailableMessage =
        "cuda requested but not available: build with -p:GatewayTorchBackend=cuda on a machine with an NVIDIA driver";

    private ModelDevice(DeviceType type, ScalarType dtype)
    {
        Type = type;
        DType = dtype;
    }

    /// <summary>The CPU with float32 weights.</summary>
    public static ModelDevice Cpu { get; } = new(DeviceType.CPU, ScalarType.Float32);

    /// <summary>The first CUDA device with bfloat16 weights (only valid where CUDA is available).</summary>
    public static ModelDevice Cuda { get; } = new(DeviceType.CUDA, ScalarType.BFloat16);

    public DeviceType Type { get; }

    /// <summary>The dtype model weights are loaded in on this device.</summary>
    public ScalarType DType { get; }

    /// <summary>The torch device tensors are created on.</summary>
    public Device Device => Type == DeviceType.CUDA ? CUDA : CPU;

    /// <summary><c>cpu</c> or <c>cuda</c>.</summary>
    public string Name => Type == DeviceType.CUDA ? "cuda" : "cpu";

    /// <summary>Parses <c>auto</c>, <c>cpu</c> or <c>cuda</c> (any case, surrounding blanks ignored).</summary>
    public static bool TryParse(string? text, out ModelDevicePreference preference)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "AUTO":
                preference = ModelDevicePreference.Auto;
                return true;
            case "CPU":
                preference = ModelDevicePreference.Cpu;
                return true;
            case "CUDA":
                preference = ModelDevicePreference.Cuda;
                return true;
            default:
                preference = default;
                return false;
        }
    }

    /// <summary>The device for <paramref name="preference"/> on this machine and build.</summary>
    /// <exception cref="InvalidOperationException"><c>cuda</c> was asked for and CUDA is not available</exception>
    public static ModelDevice Resolve(ModelDevicePreference preference) => Resolve(preference, cuda.is_available());

    /// <summary>The device for <paramref name="preference"/> given whether CUDA is available.</summary>
    public static ModelDevice Resolve(ModelDevicePreference preference, bool cudaAvailable) => preference switch
    {
        ModelDevicePreference.Cpu => Cpu,
        ModelDevicePreference.Cuda => cudaAvailable ? Cuda : throw new InvalidOperationException(CudaUnavailableMessage),
        ModelDevicePreference.Auto => cudaAvailable ? Cuda : Cpu,
        _ => throw new ArgumentOutOfRangeException(nameof(preference), preference, "unknown device preference"),
    };

    public override string ToString() => $"{Name} ({DType})";
}
