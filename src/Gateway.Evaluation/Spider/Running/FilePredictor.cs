using System.Text.Json;
using Gateway.Evaluation.Spider.Data;

namespace Gateway.Evaluation.Spider.Running;

/// <summary>
/// Predictions read from a file: Spider's <c>pred.txt</c> (one SQL per line in question order; anything after a tab
/// is ignored) or JSON lines <c>{"index": N, "predicted": "SQL"}</c>.
/// </summary>
public sealed class FilePredictor : ISqlPredictor
{
    private readonly IReadOnlyDictionary<int, string> _byIndex;

    private FilePredictor(IReadOnlyDictionary<int, string> byIndex) => _byIndex = byIndex;

    public int Count => _byIndex.Count;

    public bool Covers(SpiderQuestion question) => _byIndex.ContainsKey(question.Index);

    public Task<string> PredictAsync(SpiderQuestion question, SpiderSchema schema, CancellationToken cancellationToken) =>
        _byIndex.TryGetValue(question.Index, out var sql)
            ? Task.FromResult(sql)
            : throw new SpiderDataException($"the predictions file has no prediction for question {question.Index}.");

    public static async Task<FilePredictor> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new SpiderDataException($"file not found: {path}");
        }

        var lines = (await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false)).ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new FilePredictor(IsJsonLines(lines) ? ParseJsonLines(lines, path) : ParsePlain(lines));
    }

    internal static Dictionary<int, string> ParsePlain(IReadOnlyList<string> lines)
    {
        var byIndex = new Dictionary<int, string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            byIndex[i] = (tab >= 0 ? lines[i][..tab] : lines[i]).Trim();
        }

        return byIndex;
    }

    private static bool IsJsonLines(List<string> lines) =>
        lines.FirstOrDefault(l => !string.IsNullOrWhiteSpace(l))?.TrimStart().StartsWith('{') == true;

    private static Dictionary<int, string> ParseJsonLines(List<string> lines, string path)
    {
        var byIndex = new Dictionary<int, string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                var root = document.RootElement;
                if (!root.TryGetProperty("index", out var index) || index.ValueKind != JsonValueKind.Number
                    || !root.TryGetProperty("predicted", out var predicted) || predicted.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                {
                    throw new SpiderDataException($"{path}: line {i + 1} needs a number \"index\" and a string \"predicted\".");
                }

                byIndex[index.GetInt32()] = predicted.GetString() ?? "";
            }
            catch (JsonException ex)
            {
                throw new SpiderDataException($"{path}: line {i + 1} is not valid JSON: {ex.Message}", ex);
            }
        }

        return byIndex;
    }
}
