using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Evaluation.Spider.Data;

namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>A database outside Spider to synthesize for (the demo database): its schema in tables.json shape and its SQLite file.</summary>
public sealed record ExtraDatabase(SpiderSchema Schema, string SqlitePath);

/// <summary>What <see cref="SynthesisRun"/> reads and writes.</summary>
public sealed record SynthesisRequest
{
    /// <summary>The Spider folder: its <c>tables.json</c>, and the databases that <c>train_spider.json</c> names (never dev's).</summary>
    public required string SpiderDirectory { get; init; }

    /// <summary>The output folder, in Spider's layout.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Databases beyond Spider's; each file is copied to <c>database/&lt;db_id&gt;/</c> in the output.</summary>
    public IReadOnlyList<ExtraDatabase> Extra { get; init; } = [];

    /// <summary>Pairs kept per database at most. Default 40.</summary>
    public int PerDatabase { get; init; } = 40;

    public long Seed { get; init; } = 42;

    /// <summary>Only the first N Spider training databases (ordinal order); all when null, none when 0.</summary>
    public int? SpiderDatabases { get; init; }
}

/// <summary>The rows written and the run's report.</summary>
public sealed record SynthesisResult(int Rows, IReadOnlyList<string> Databases, SynthesisReport Report);

/// <summary>
/// <c>gateway synth</c>: profiles each training database (and the extra ones), synthesizes checked question-SQL pairs
/// and writes a Spider-layout folder: <c>tables.json</c>, <c>train.json</c>, <c>database/</c> for the extra databases,
/// and <c>synthesis.json</c> (the report and the licence notice).
/// </summary>
public static class SynthesisRun
{
    public const string TablesFile = "tables.json";
    public const string TrainFile = "train.json";
    public const string ReportFile = "synthesis.json";

    public static async Task<SynthesisResult> RunAsync(SynthesisRequest request, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.PerDatabase, 1);
        var spider = request.SpiderDirectory;
        var schemas = await SpiderSchemaReader.ReadFileAsync(Path.Combine(spider, "tables.json"), cancellationToken).ConfigureAwait(false);
        var databases = await TrainingDatabasesAsync(spider, cancellationToken).ConfigureAwait(false);
        var dataset = new SpiderDataset(spider, SpiderSplit.Train, [], schemas);
        databases = databases.Where(db => schemas.ContainsKey(db) && dataset.HasDatabase(db)).Take(request.SpiderDatabases ?? int.MaxValue).ToList();
        var duplicate = request.Extra.Select(e => e.Schema.DbId).FirstOrDefault(id => schemas.ContainsKey(id));
        if (duplicate is not null)
        {
            throw new SpiderDataException($"extra database '{duplicate}' has the id of a Spider database; give it another.");
        }

        Directory.CreateDirectory(request.OutputDirectory);
        var builder = new PointerExampleBuilder();
        var synthesizer = new QuestionSynthesizer(builder);
        var report = new SynthesisReport();
        var rows = new List<SynthesizedRow>();
        var used = new List<SpiderSchema>();
        var work = databases.Select(db => (Schema: schemas[db], Path: dataset.DatabasePath(db))).ToList();
        foreach (var extra in request.Extra)
        {
            var target = Path.Combine(request.OutputDirectory, "database", extra.Schema.DbId, extra.Schema.DbId + ".sqlite");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(extra.SqlitePath, target, overwrite: true);
            work.Add((extra.Schema, target));
        }

        foreach (var (schema, path) in work)
        {
            var profile = await DatabaseProfile.ReadAsync(PointerSchemaBuilder.Build(schema), path, cancellationToken).ConfigureAwait(false);
            var kept = await synthesizer.SynthesizeAsync(profile, request.PerDatabase, request.Seed, report, cancellationToken).ConfigureAwait(false);
            await log.WriteLineAsync($"{schema.DbId}: {kept.Count} pairs").ConfigureAwait(false);
            rows.AddRange(kept);
            if (kept.Count > 0)
            {
                used.Add(schema);
            }
        }

        await SpiderTablesWriter.WriteAsync(Path.Combine(request.OutputDirectory, TablesFile), used, cancellationToken).ConfigureAwait(false);
        var train = rows.Select(r => new TrainRow(r.Question, r.Sql, r.DbId, r.Template)).ToList();
        await File.WriteAllTextAsync(Path.Combine(request.OutputDirectory, TrainFile), JsonSerializer.Serialize(train, Json), cancellationToken).ConfigureAwait(false);
        var record = new SynthesisRecord(
            "Synthesized by gateway synth from the schemas and data of Spider's training databases (Yu et al., 2018, CC BY-SA 4.0; derived data shared under the same licence) and of the gateway's demo database.",
            request.Seed, request.PerDatabase, rows.Count, report);
        await File.WriteAllTextAsync(Path.Combine(request.OutputDirectory, ReportFile), JsonSerializer.Serialize(record, Json), cancellationToken).ConfigureAwait(false);
        return new SynthesisResult(rows.Count, used.Select(s => s.DbId).ToList(), report);
    }

    /// <summary>The databases <c>train_spider.json</c> names, ordinal order. Dev's file is never opened: it is the measure.</summary>
    public static async Task<IReadOnlyList<string>> TrainingDatabasesAsync(string spiderDirectory, CancellationToken cancellationToken)
    {
        var questions = await SpiderQuestionReader.ReadFileAsync(Path.Combine(spiderDirectory, "train_spider.json"), cancellationToken).ConfigureAwait(false);
        return questions.Select(q => q.DbId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private sealed record TrainRow(
        [property: JsonPropertyName("question")] string Question,
        [property: JsonPropertyName("query")] string Query,
        [property: JsonPropertyName("db_id")] string DbId,
        [property: JsonPropertyName("template")] string Template);

    private sealed record SynthesisRecord(
        [property: JsonPropertyName("licence")] string Licence,
        [property: JsonPropertyName("seed")] long Seed,
        [property: JsonPropertyName("per_database")] int PerDatabase,
        [property: JsonPropertyName("rows")] int Rows,
        [property: JsonPropertyName("report")] SynthesisReport Report);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
}
