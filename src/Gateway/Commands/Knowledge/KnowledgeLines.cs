using System.Text.Json;
using Gateway.Context.Knowledge;

namespace Gateway.Commands.Knowledge;

/// <summary>
/// A JSONL file of knowledge, one object a line: <c>{"text": ...}</c> (a doc; <c>"kind": "ddl"</c> for a DDL
/// note) or <c>{"question": ..., "sql": ...}</c>. Blank lines are skipped; any other bad line stops the read with
/// its line number, so nothing is silently dropped.
/// </summary>
internal static class KnowledgeLines
{
    public static async Task<IReadOnlyList<KnowledgeDraft>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var drafts = new List<KnowledgeDraft>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    throw new KnowledgeException("a line must be a JSON object");
                }

                foreach (var property in root.EnumerateObject())
                {
                    if (property.Name is not ("kind" or "text" or "question" or "sql"))
                    {
                        throw new KnowledgeException($"unknown field '{property.Name}' (use kind, text, question, sql)");
                    }
                }

                var draft = KnowledgeDraft.FromFields(Text(root, "kind"), Text(root, "text"), Text(root, "question"), Text(root, "sql"));
                drafts.Add(draft with { Origin = $"{Path.GetFileName(path)}:{number}" });
            }
            catch (JsonException ex)
            {
                throw new KnowledgeException($"{Path.GetFileName(path)}:{number}: not valid JSON: {ex.Message}");
            }
            catch (KnowledgeException ex) when (ex is not KnowledgeSqlRejectedException)
            {
                throw new KnowledgeException($"{Path.GetFileName(path)}:{number}: {ex.Message}");
            }
        }

        return drafts.Count > 0 ? drafts : throw new KnowledgeException($"{path} holds no items");
    }

    private static string? Text(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new KnowledgeException($"'{name}' must be a string");
}
