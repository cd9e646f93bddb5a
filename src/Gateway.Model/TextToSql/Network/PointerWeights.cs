using System.Text.Json;
using Gateway.Model.Safetensors;
using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Network;

/// <summary>A <see cref="PointerNetwork"/> on disk: <c>config.json</c> and <c>weights.safetensors</c> (F32).</summary>
internal static class PointerWeights
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "weights.safetensors";

    public static void Save(PointerNetwork network, string directory)
    {
        Directory.CreateDirectory(directory);
        var tensors = network.named_parameters().Select(p => p.parameter.detach().contiguous().ToTensorData(p.name)).ToList();
        SafetensorsFile.Write(Path.Combine(directory, WeightsFile), tensors);
        File.WriteAllText(Path.Combine(directory, ConfigFile), JsonSerializer.Serialize(network.Config, JsonOptions));
    }

    public static async Task<PointerNetworkConfig> ReadConfigAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, ConfigFile);
        if (!File.Exists(path))
        {
            throw new ModelFormatException($"{directory}: no {ConfigFile}");
        }

        var config = JsonSerializer.Deserialize<PointerNetworkConfig>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false))
            ?? throw new ModelFormatException($"{path}: empty");
        config.Validate();
        return config;
    }

    public static async Task<PointerNetwork> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        var config = await ReadConfigAsync(directory, cancellationToken).ConfigureAwait(false);
        var weights = new TensorSet(await SafetensorsFile.ReadAsync(Path.Combine(directory, WeightsFile), cancellationToken).ConfigureAwait(false), directory);
        var network = new PointerNetwork(config, seed: 0);
        Copy(network, weights);
        return network;
    }

    /// <summary>Copies every parameter from <paramref name="weights"/>; a missing or mis-shaped tensor is an error naming it.</summary>
    public static void Copy(PointerNetwork network, TensorSet weights)
    {
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters())
            {
                parameter.copy_(weights.Get(name, parameter.shape).ToTorch(ScalarType.Float32));
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
}
