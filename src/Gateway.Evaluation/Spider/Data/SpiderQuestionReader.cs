using System.Text.Json;

namespace Gateway.Evaluation.Spider.Data;

/// <summary>Reads a Spider question file (<c>dev.json</c>, <c>train_spider.json</c>) and gold files (<c>dev_gold.sql</c>).</summary>
public static class SpiderQuestionReader
{
    public static async Task<IReadOnlyList<SpiderQuestion>> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = SpiderSchemaReader.OpenOrThrow(path);
        await using (stream.ConfigureAwait(false))
        {
            using var document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new SpiderDataException($"{path}: expected a JSON array of questions.");
            }

            var questions = new List<SpiderQuestion>();
            foreach (var row in document.RootElement.EnumerateArray())
            {
                questions.Add(new SpiderQuestion(
                    questions.Count,
                    RequiredString(row, "db_id", path),
                    RequiredString(row, "question", path),
                    RequiredString(row, "query", path)));
            }

            return questions;
        }
    }

    /// <summary>Reads a gold file: one <c>SQL&lt;TAB&gt;db_id</c> per line; blank lines are skipped, as Spider's evaluator does.</summary>
    public static async Task<IReadOnlyList<(string Sql, string DbId)>> ReadGoldFileAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new SpiderDataException($"file not found: {path}");
        }

        var rows = new List<(string, string)>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            var tab = trimmed.LastIndexOf('\t');
            if (tab < 0)
            {
                throw new SpiderDataException($"{path}: line {rows.Count + 1} has no tab before the db_id.");
            }

            rows.Add((trimmed[..tab].Trim(), trimmed[(tab + 1)..].Trim()));
        }

        return rows;
    }

    private static string RequiredString(JsonElement row, string name, string path) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new SpiderDataException($"{path}: a row has no string field \"{name}\".");
}
