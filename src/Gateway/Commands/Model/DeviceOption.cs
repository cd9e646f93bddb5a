using System.CommandLine;
using Gateway.Model;

namespace Gateway.Commands.Model;

/// <summary>
/// <c>--device auto|cpu|cuda</c> for every command that runs a model: <c>auto</c> takes CUDA when this build and
/// machine have it, else the CPU. The dtype follows the device (bf16 on CUDA, fp32 on the CPU).
/// </summary>
internal sealed class DeviceOption
{
    public Option<string> Option { get; } = new("--device")
    {
        Description = "Where the model runs: auto (cuda when available, else cpu), cpu or cuda.",
        DefaultValueFactory = _ => "auto",
    };

    /// <summary>
    /// For models that run on the CPU only so far (the pointer model): <c>auto</c> and <c>cpu</c> give the CPU;
    /// <c>cuda</c> is refused with a usage error rather than silently ignored.
    /// </summary>
    public ModelDevice? ResolveCpuOnly(ParseResult parse, string model, out int exitCode)
    {
        var text = parse.GetValue(Option);
        if (ModelDevice.TryParse(text, out var preference) && preference == ModelDevicePreference.Cuda)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {model} runs on the CPU only for now; give --device cpu or auto.");
            exitCode = Cli.ExitCodes.Usage;
            return null;
        }

        return preference == ModelDevicePreference.Auto && ModelDevice.TryParse(text, out _)
            ? Ok(ModelDevice.Cpu, out exitCode)
            : Resolve(parse, out exitCode);
    }

    private static ModelDevice Ok(ModelDevice device, out int exitCode)
    {
        exitCode = Cli.ExitCodes.Success;
        return device;
    }

    /// <summary>
    /// The device the option asks for, or null after writing the reason to the error stream with
    /// <paramref name="exitCode"/> set: usage for a value that is not a device, runtime for CUDA where there is none.
    /// </summary>
    public ModelDevice? Resolve(ParseResult parse, out int exitCode)
    {
        var text = parse.GetValue(Option);
        var error = parse.InvocationConfiguration.Error;
        if (!ModelDevice.TryParse(text, out var preference))
        {
            error.WriteLine($"error: --device must be auto, cpu or cuda, not '{text}'.");
            exitCode = Cli.ExitCodes.Usage;
            return null;
        }

        try
        {
            exitCode = Cli.ExitCodes.Success;
            return ModelDevice.Resolve(preference);
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"error: {e.Message}");
            exitCode = Cli.ExitCodes.Runtime;
            return null;
        }
    }
}
