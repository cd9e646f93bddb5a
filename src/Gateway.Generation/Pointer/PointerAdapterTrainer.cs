using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Execution.Schema;
using Gateway.Model.TextToSql;
using Gateway.Model.TextToSql.Training;

namespace Gateway.Generation.Pointer;

/// <summary>A question-SQL pair to train a source's adapter on (its knowledge item id names it in reports).</summary>
public sealed record AdapterPair(string Id, string Question, string Sql);

/// <summary>A pair that was not trained on, and why (the pointer model's SQL side cannot represent it, or the policy rejects it).</summary>
public sealed record SkippedPair(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("reason")] string Reason);

/// <summary>The pairs turned into training examples, and those that could not be.</summary>
public sealed record AdapterExamples(IReadOnlyList<PointerExample> Examples, IReadOnlyList<SkippedPair> Skipped);

/// <summary>What <c>training.json</c> of an adapter folder records.</summary>
public sealed record AdapterRecord(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("base_model")] string BaseModel,
    [property: JsonPropertyName("base_version")] string BaseVersion,
    [property: JsonPropertyName("pairs")] int Pairs,
    [property: JsonPropertyName("trained_on")] int TrainedOn,
    [property: JsonPropertyName("skipped")] IReadOnlyList<SkippedPair> Skipped,
    [property: JsonPropertyName("training")] PointerTrainingOptions Training,
    [property: JsonPropertyName("epochs")] IReadOnlyList<EpochRecord> Epochs,
    [property: JsonPropertyName("parameters")] long Parameters,
    [property: JsonPropertyName("wall_seconds")] double WallSeconds);

/// <summary>
/// A source's adapter of the pointer model from its question-SQL pairs: each pair becomes a training example over
/// the source's schema (and cell values), a pair the model's SQL side cannot represent is reported with the reason,
/// then the base model is fine-tuned briefly (<see cref="PointerFineTuning"/>) into the adapter folder, with
/// <c>training.json</c> saying what it was trained on.
/// </summary>
public static class PointerAdapterTrainer
{
    public const string RecordFile = "training.json";

    /// <summary>The pairs as training examples over <paramref name="schema"/>; cell values from <paramref name="sqliteFile"/>, else the schema's samples.</summary>
    public static async Task<AdapterExamples> BuildExamplesAsync(SchemaModel schema, string? sqliteFile, IReadOnlyList<AdapterPair> pairs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(pairs);
        var builder = new PointerExampleBuilder();
        var converted = PointerSchemaConverter.Convert(schema);
        var samples = new Lazy<DatabaseValueIndex>(() => PointerSchemaConverter.SampleValues(schema, converted, builder.Options));
        var examples = new List<PointerExample>();
        var skipped = new List<SkippedPair>();
        foreach (var pair in pairs)
        {
            var built = sqliteFile is not null
                ? await builder.BuildAsync(converted, sqliteFile, pair.Question, pair.Sql, cancellationToken).ConfigureAwait(false)
                : builder.Build(converted, samples.Value, pair.Question, pair.Sql);
            if (built.Example.Target is null)
            {
                var failure = built.TargetFailure;
                skipped.Add(new SkippedPair(pair.Id, pair.Question, failure is null ? "the model's SQL side cannot represent it" : $"{failure.Kind}: {failure.Detail}"));
                continue;
            }

            examples.Add(built.Example);
        }

        return new AdapterExamples(examples, skipped);
    }

    /// <summary>Fine-tunes <paramref name="baseModelDirectory"/> on the examples into <paramref name="outputDirectory"/> and writes its record.</summary>
    public static async Task<AdapterRecord> TrainAsync(
        string source, string baseModelDirectory, string outputDirectory, AdapterExamples examples, int pairs,
        PointerTrainingOptions? training, IProgress<PointerTrainingProgress>? progress, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(time);
        var request = new PointerFineTuneRequest { BaseModelDirectory = baseModelDirectory, OutputDirectory = outputDirectory, Examples = examples.Examples };
        request = training is null ? request : request with { Training = training };
        var result = await PointerFineTuning.RunAsync(request, progress, cancellationToken).ConfigureAwait(false);
        var record = new AdapterRecord(
            time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture),
            source,
            Path.GetFullPath(baseModelDirectory),
            PointerModelVersion.Read(baseModelDirectory),
            pairs,
            examples.Examples.Count,
            examples.Skipped,
            request.Training,
            result.Epochs,
            result.Parameters,
            result.WallSeconds);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, RecordFile), JsonSerializer.Serialize(record, RecordJson), cancellationToken).ConfigureAwait(false);
        return record;
    }

    private static readonly JsonSerializerOptions RecordJson = new() { WriteIndented = true };
}
