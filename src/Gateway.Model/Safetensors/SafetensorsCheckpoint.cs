using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Model.Safetensors;

/// <summary>
/// A model folder's weights: <c>model.safetensors</c>, or shards listed by <c>model.safetensors.index.json</c>
/// (<c>{"metadata": {"total_size": N}, "weight_map": {name: file}}</c>), as Hugging Face writes them.
/// </summary>
public static class SafetensorsCheckpoint
{
    public const string SingleFileName = "model.safetensors";
    public const string IndexFileName = "model.safetensors.index.json";

    /// <summary>Reads all tensors of the checkpoint in <paramref name="directory"/>.</summary>
    public static TensorSet Load(string directory)
    {
        var plan = Plan(directory);
        return Assemble(directory, plan, SafetensorsFile.Read);
    }

    /// <summary>Reads all tensors of the checkpoint in <paramref name="directory"/> with asynchronous file reads.</summary>
    public static async Task<TensorSet> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var plan = Plan(directory);
        var parsed = new Dictionary<string, IReadOnlyDictionary<string, TensorData>>(StringComparer.Ordinal);
        foreach (var file in plan.Files)
        {
            parsed[file] = await SafetensorsFile.ReadAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return Assemble(directory, plan, file => parsed[file]);
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> as one file, or as shards of at most <paramref name="maxShardBytes"/> each
    /// plus an index when they do not fit in one.
    /// </summary>
    public static void Save(string directory, IReadOnlyList<TensorData> tensors, long maxShardBytes = 4L << 30)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        Directory.CreateDirectory(directory);
        var shards = Split(tensors, maxShardBytes);
        if (shards.Count == 1)
        {
            SafetensorsFile.Write(Path.Combine(directory, SingleFileName), shards[0], Metadata);
            return;
        }

        var weightMap = new JsonObject();
        for (var i = 0; i < shards.Count; i++)
        {
            var file = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            SafetensorsFile.Write(Path.Combine(directory, file), shards[i], Metadata);
            foreach (var tensor in shards[i])
            {
                weightMap[tensor.Name] = file;
            }
        }

        var index = new JsonObject
        {
            ["metadata"] = new JsonObject { ["total_size"] = tensors.Sum(t => (long)t.Bytes.Length) },
            ["weight_map"] = weightMap,
        };
        File.WriteAllText(Path.Combine(directory, IndexFileName), index.ToJsonString(Indented));
    }

    private static readonly Dictionary<string, string> Metadata = new() { ["format"] = "pt" };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // Which files to read, and for a sharded checkpoint the index's name-to-file map.
    private sealed record LoadPlan(IReadOnlyList<string> Files, string? IndexPath, IReadOnlyDictionary<string, string>? WeightMap);

    private static LoadPlan Plan(string directory)
    {
        var indexPath = Path.Combine(directory, IndexFileName);
        if (!File.Exists(indexPath))
        {
            var single = Path.Combine(directory, SingleFileName);
            if (!File.Exists(single))
            {
                throw new ModelFormatException($"{directory}: neither {SingleFileName} nor {IndexFileName} found");
            }

            return new LoadPlan([single], null, null);
        }

        Dictionary<string, string> weightMap;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(indexPath));
            weightMap = doc.RootElement.GetProperty("weight_map").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ModelFormatException($"{indexPath}: malformed index: {e.Message}", e);
        }

        var files = weightMap.Values.Distinct(StringComparer.Ordinal).Select(f => Path.Combine(directory, f)).ToList();
        return new LoadPlan(files, indexPath, weightMap);
    }

    private static TensorSet Assemble(
        string directory, LoadPlan plan, Func<string, IReadOnlyDictionary<string, TensorData>> read)
    {
        if (plan.WeightMap is not { } weightMap)
        {
            return new TensorSet(read(plan.Files[0]), plan.Files[0]);
        }

        var all = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var path in plan.Files)
        {
            var file = Path.GetFileName(path);
            foreach (var (name, tensor) in read(path))
            {
                if (!weightMap.TryGetValue(name, out var owner) || owner != file)
                {
                    throw new ModelFormatException($"{path}: tensor '{name}' is not mapped to this shard by {IndexFileName}");
                }

                all.Add(name, tensor);
            }
        }

        var missing = weightMap.Keys.FirstOrDefault(n => !all.ContainsKey(n));
        if (missing is not null)
        {
            throw new ModelFormatException($"{plan.IndexPath}: tensor '{missing}' is listed but absent from {weightMap[missing]}");
        }

        return new TensorSet(all, directory);
    }

    private static List<List<TensorData>> Split(IReadOnlyList<TensorData> tensors, long maxShardBytes)
    {
        var shards = new List<List<TensorData>> { new() };
        long size = 0;
        foreach (var tensor in tensors)
        {
            if (size > 0 && size + tensor.Bytes.Length > maxShardBytes)
            {
                shards.Add(new List<TensorData>());
                size = 0;
            }

            shards[^1].Add(tensor);
            size += tensor.Bytes.Length;
        }

        return shards;
    }
}
