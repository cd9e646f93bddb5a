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

    /// <summary>
    /// Loads a network trained on the first <c>KeywordCount</c> keywords as one over <paramref name="keywordCount"/>
    /// (keywords appended since): the keyword head gets zero rows with a -1e4 bias for the new keywords, the keyword
    /// input table zero rows before its start row. The caller masks the new keywords in the grammar too
    /// (<see cref="KnownKeywordsGrammar"/>). Returns the network and how many keywords it was trained on.
    /// </summary>
    public static async Task<(PointerNetwork Network, int TrainedKeywords)> LoadWidenedAsync(string directory, int keywordCount, CancellationToken cancellationToken)
    {
        var config = await ReadConfigAsync(directory, cancellationToken).ConfigureAwait(false);
        if (config.KeywordCount > keywordCount)
        {
            throw new ModelFormatException($"{directory}: trained for {config.KeywordCount} keywords, this build knows only {keywordCount} (a newer build wrote it)");
        }

        var weights = new TensorSet(await SafetensorsFile.ReadAsync(Path.Combine(directory, WeightsFile), cancellationToken).ConfigureAwait(false), directory);
        var network = new PointerNetwork(config with { KeywordCount = keywordCount }, seed: 0);
        Copy(network, weights, config.KeywordCount);
        return (network, config.KeywordCount);
    }

    /// <summary>Copies every parameter from <paramref name="weights"/>; a missing or mis-shaped tensor is an error naming it.</summary>
    public static void Copy(PointerNetwork network, TensorSet weights) => Copy(network, weights, network.Config.KeywordCount);

    private static void Copy(PointerNetwork network, TensorSet weights, int trainedKeywords)
    {
        using var scope = NewDisposeScope();
        var (all, d) = (network.Config.KeywordCount, network.Config.Dim);
        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters())
            {
                if (trainedKeywords == all || name is not ("keyword_head.weight" or "keyword_head.bias" or "keyword_inputs.weight"))
                {
                    parameter.copy_(weights.Get(name, parameter.shape).ToTorch(ScalarType.Float32));
                    continue;
                }

                switch (name)
                {
                    case "keyword_head.weight":
                        parameter.zero_();
                        parameter.narrow(0, 0, trainedKeywords).copy_(weights.Get(name, [trainedKeywords, d]).ToTorch(ScalarType.Float32));
                        break;
                    case "keyword_head.bias":
                        parameter.fill_(-1e4f);
                        parameter.narrow(0, 0, trainedKeywords).copy_(weights.Get(name, [trainedKeywords]).ToTorch(ScalarType.Float32));
                        break;
                    default:
                        // Rows 0..trained-1 are the keywords, row trained the start token, which moves to the end.
                        var trained = weights.Get(name, [trainedKeywords + 1, d]).ToTorch(ScalarType.Float32);
                        parameter.zero_();
                        parameter.narrow(0, 0, trainedKeywords).copy_(trained.narrow(0, 0, trainedKeywords));
                        parameter.narrow(0, all, 1).copy_(trained.narrow(0, trainedKeywords, 1));
                        break;
                }
            }
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
}
