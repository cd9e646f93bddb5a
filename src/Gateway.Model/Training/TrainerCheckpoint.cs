using System.Globalization;
using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Gateway.Model.Training;

/// <summary>
/// A resumable training checkpoint under <c>&lt;out&gt;/checkpoints/step-NNNNNN/</c>: the adapter (PEFT layout, in
/// <c>adapter/</c>) or the whole model (<c>model/</c>), the optimiser state, the step, the seed and torch's generator
/// state. Written to a temporary folder and renamed, so a crash never leaves a half-written checkpoint that
/// <see cref="FindLatest"/> would pick.
/// </summary>
public static class TrainerCheckpoint
{
    public const string FolderName = "checkpoints";
    public const string AdapterFolder = "adapter";
    public const string ModelFolder = "model";
    private const string StateFile = "trainer_state.json";
    private const string OptimizerFile = "optimizer.bin";
    private const string Prefix = "step-";

    /// <summary>The step, seed and generator state stored beside the weights.</summary>
    public sealed record State(int Step, long Seed, string RngState);

    public static string Save(string outputDirectory, CausalLm model, OptimizerHelper optimizer, int step, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        var root = Path.Combine(outputDirectory, FolderName);
        var final = Path.Combine(root, Prefix + step.ToString("D6", CultureInfo.InvariantCulture));
        var temporary = Path.Combine(root, ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temporary);
        if (model.Lora is not null)
        {
            model.SaveAdapter(Path.Combine(temporary, AdapterFolder));
        }
        else
        {
            model.Save(Path.Combine(temporary, ModelFolder));
        }

        optimizer.save_state_dict(Path.Combine(temporary, OptimizerFile));
        using var rng = random.get_rng_state();
        var state = new State(step, seed, Convert.ToBase64String(rng.data<byte>().ToArray()));
        File.WriteAllText(Path.Combine(temporary, StateFile), JsonSerializer.Serialize(state));
        if (Directory.Exists(final))
        {
            Directory.Delete(final, recursive: true);
        }

        Directory.Move(temporary, final);
        return final;
    }

    /// <summary>The checkpoint with the highest step under <paramref name="outputDirectory"/>, or null.</summary>
    public static string? FindLatest(string outputDirectory)
    {
        var root = Path.Combine(outputDirectory, FolderName);
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root, Prefix + "*")
            .Where(d => File.Exists(Path.Combine(d, StateFile)))
            .OrderByDescending(d => Path.GetFileName(d), StringComparer.Ordinal)
            .FirstOrDefault();
    }

    public static State ReadState(string checkpoint) =>
        JsonSerializer.Deserialize<State>(File.ReadAllText(Path.Combine(checkpoint, StateFile)))
        ?? throw new ModelFormatException($"{checkpoint}: empty {StateFile}");

    /// <summary>
    /// The model to continue from: the base at <paramref name="baseModelDirectory"/> with the checkpoint's adapter,
    /// or the checkpoint's full weights.
    /// </summary>
    public static CausalLm LoadModel(string checkpoint, string baseModelDirectory, ModelDevice? device = null)
    {
        var adapter = Path.Combine(checkpoint, AdapterFolder);
        device ??= ModelDevice.Cpu;
        return Directory.Exists(adapter)
            ? CausalLm.Load(baseModelDirectory, device, adapter)
            : CausalLm.Load(Path.Combine(checkpoint, ModelFolder), device);
    }

    /// <summary>Restores the optimiser moments and torch's generator; the model must be loaded by <see cref="LoadModel"/>.</summary>
    public static State Restore(string checkpoint, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        var state = ReadState(checkpoint);
        optimizer.load_state_dict(Path.Combine(checkpoint, OptimizerFile));
        using var rng = tensor(Convert.FromBase64String(state.RngState), dtype: ScalarType.Byte);
        random.set_rng_state(rng);
        return state;
    }
}
