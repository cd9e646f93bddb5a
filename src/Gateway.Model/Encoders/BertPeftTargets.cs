using System.Globalization;
using System.Text.Json.Nodes;
using Gateway.Model.Lora;

namespace Gateway.Model.Encoders;

/// <summary>
/// Translates between the encoder's LoRA target names (<c>query</c> ... <c>output.dense</c>, one projection each)
/// and PEFT's <c>target_modules</c>, which PEFT matches by path suffix: there <c>output.dense</c> would also match
/// <c>attention.output.dense</c>, so such a set is written as a pattern instead.
/// </summary>
internal static class BertPeftTargets
{
    /// <summary>Our name -> the projection's path inside <c>encoder.layer.N</c>.</summary>
    private static readonly (string Name, string Path)[] PathInLayer =
    [
        ("query", "attention.self.query"),
        ("key", "attention.self.key"),
        ("value", "attention.self.value"),
        ("attention.output.dense", "attention.output.dense"),
        ("intermediate.dense", "intermediate.dense"),
        ("output.dense", "output.dense"),
    ];

    public static JsonNode ToPeft(IReadOnlyList<string> targets)
    {
        if (!targets.Contains("output.dense", StringComparer.Ordinal))
        {
            return new JsonArray(targets.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        }

        var alternatives = string.Join('|', targets.Select(t => PathInLayer.Single(p => p.Name == t).Path.Replace(".", "\\.", StringComparison.Ordinal)));
        return JsonValue.Create($".*\\.layer\\.\\d+\\.(?:{alternatives})")!;
    }

    /// <summary>Our target names for the projections <paramref name="targets"/> selects; the same in every layer.</summary>
    public static IReadOnlyList<string> FromPeft(BertModule module, PeftTargets targets, string directory)
    {
        List<string>? first = null;
        for (var i = 0; i < module.Layers.Count; i++)
        {
            var layerPath = "encoder.layer." + i.ToString(CultureInfo.InvariantCulture) + ".";
            var matched = PathInLayer
                .Where(p => targets.Matches(layerPath + p.Path) || targets.Matches("bert." + layerPath + p.Path))
                .Select(p => p.Name)
                .ToList();
            if (first is null)
            {
                first = matched;
            }
            else if (!first.SequenceEqual(matched))
            {
                throw new ModelFormatException($"{directory}: the adapter targets different projections in different layers, which the encoder does not support");
            }
        }

        if (first is null || first.Count == 0)
        {
            var described = targets.Pattern ?? string.Join(", ", targets.Names);
            throw new ModelFormatException($"{directory}: target_modules ({described}) match no projection of the encoder (query, key, value, attention.output.dense, intermediate.dense, output.dense)");
        }

        return first;
    }
}
