using System.Text.Json;

namespace Gateway.Model.Training;

/// <summary>
/// Reads training rows <c>{"question", "query", "db_id"}</c> from a JSON array (Spider's files) or JSON lines;
/// other fields (Spider's parse trees) are ignored.
/// </summary>
public static class TrainingDataReader
{
    public static async Task<IReadOnlyList<TrainingExample>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new TrainingDataException($"data file not found: {path}");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return text.TrimStart().StartsWith('[') ? ReadArray(text, path) : ReadLines(text, path);
        }
        catch (JsonException e)
        {
            throw new TrainingDataException($"{path}: not JSON or JSON lines: {e.Message}", e);
        }
    }

    private static List<TrainingExample> ReadArray(string text, string path)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.EnumerateArray().Select((row, i) => Row(row, $"{path} row {i + 1}")).ToList();
    }

    private static List<TrainingExample> ReadLines(string text, string path)
    {
        var rows = new List<TrainingExample>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            using var document = JsonDocument.Parse(lines[i]);
            rows.Add(Row(document.RootElement, $"{path} line {i + 1}"));
        }

        return rows;
    }

    private static TrainingExample Row(JsonElement row, string where) =>
        row.ValueKind == JsonValueKind.Object
            ? new TrainingExample(Required(row, "question", where), Required(row, "query", where), Optional(row, "db_id") ?? "")
            : throw new TrainingDataException($"{where}: expected an object");

    private static string Required(JsonElement row, string name, string where) =>
        Optional(row, name) ?? throw new TrainingDataException($"{where}: missing string field '{name}'");

    private static string? Optional(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
