using System.Text.Json;

namespace Gateway.Evaluation.Spider.Data;

/// <summary>Reads <c>tables.json</c> into <see cref="SpiderSchema"/> records keyed by database id.</summary>
public static class SpiderSchemaReader
{
    public static async Task<IReadOnlyDictionary<string, SpiderSchema>> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = OpenOrThrow(path);
        await using (stream.ConfigureAwait(false))
        {
            using var document = await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
            return Parse(document.RootElement, path);
        }
    }

    internal static IReadOnlyDictionary<string, SpiderSchema> Parse(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new SpiderDataException($"{source}: expected a JSON array of schemas.");
        }

        var schemas = new Dictionary<string, SpiderSchema>(StringComparer.Ordinal);
        foreach (var entry in root.EnumerateArray())
        {
            var schema = ParseOne(entry, source);
            schemas[schema.DbId] = schema;
        }

        return schemas;
    }

    private static SpiderSchema ParseOne(JsonElement entry, string source)
    {
        try
        {
            var dbId = entry.GetProperty("db_id").GetString() ?? throw new SpiderDataException($"{source}: a schema has no db_id.");
            var names = Strings(entry.GetProperty("table_names"));
            var originals = Strings(entry.GetProperty("table_names_original"));
            var tables = originals.Select((original, i) => new SpiderTable(i, i < names.Count ? names[i] : original, original)).ToList();

            var columnNames = entry.GetProperty("column_names").EnumerateArray().ToList();
            var columnOriginals = entry.GetProperty("column_names_original").EnumerateArray().ToList();
            var types = Strings(entry.GetProperty("column_types"));
            var columns = new List<SpiderColumn>(columnOriginals.Count);
            for (var i = 0; i < columnOriginals.Count; i++)
            {
                var table = columnOriginals[i][0].GetInt32();
                var original = columnOriginals[i][1].GetString() ?? "";
                var name = i < columnNames.Count ? columnNames[i][1].GetString() ?? original : original;
                columns.Add(new SpiderColumn(i, table, name, original, i < types.Count ? types[i] : "text"));
            }

            // Some releases nest composite primary keys as arrays; flatten them.
            var primaryKeys = new List<int>();
            foreach (var key in entry.GetProperty("primary_keys").EnumerateArray())
            {
                if (key.ValueKind == JsonValueKind.Array)
                {
                    primaryKeys.AddRange(key.EnumerateArray().Select(k => k.GetInt32()));
                }
                else
                {
                    primaryKeys.Add(key.GetInt32());
                }
            }

            var foreignKeys = entry.GetProperty("foreign_keys").EnumerateArray()
                .Select(pair => new SpiderForeignKey(pair[0].GetInt32(), pair[1].GetInt32()))
                .ToList();
            return new SpiderSchema(dbId, tables, columns, primaryKeys, foreignKeys);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new SpiderDataException($"{source}: malformed schema entry: {ex.Message}", ex);
        }
    }

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "").ToList();

    internal static FileStream OpenOrThrow(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpiderDataException($"file not found: {path}");
        }

        return File.OpenRead(path);
    }
}
