using System.Security.Cryptography;
using System.Text.Json;

namespace Gateway.Generation.Pointer;

/// <summary>
/// The version the audit trail records for a pointer model folder: a <c>version</c> named in <c>config.json</c> or
/// <c>training.json</c>, else the start of the weights' SHA-256, so two different weight files never share an id.
/// </summary>
public static class PointerModelVersion
{
    public const string WeightsFile = "weights.safetensors";

    public static string Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        foreach (var file in new[] { "config.json", "training.json" })
        {
            if (Named(Path.Combine(directory, file)) is { } version)
            {
                return version;
            }
        }

        var weights = Path.Combine(directory, WeightsFile);
        if (!File.Exists(weights))
        {
            throw new GenerationException($"The default model folder {directory} has no {WeightsFile}.");
        }

        using var stream = File.OpenRead(weights);
        return "sha256-" + Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
    }

    private static string? Named(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("version", out var version)
                ? version.ValueKind switch
                {
                    JsonValueKind.String when version.GetString() is { Length: > 0 } text => text,
                    JsonValueKind.Number => version.GetRawText(),
                    _ => null,
                }
                : null;
        }
        catch (JsonException ex)
        {
            throw new GenerationException($"{path} is not valid JSON: {ex.Message}", ex);
        }
    }
}
