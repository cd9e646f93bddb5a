using System.Text.Json.Serialization;
using Gateway.Evaluation.Spider.Data;

namespace Gateway.Model.TextToSql.Training;

/// <summary>What one <c>--extra</c> folder gave: its rows, those with an action sequence, and how many were trained on.</summary>
public sealed record ExtraFolderRecord(
    [property: JsonPropertyName("directory")] string Directory,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("examples")] int Examples,
    [property: JsonPropertyName("used")] int Used,
    [property: JsonPropertyName("databases")] int Databases,
    [property: JsonPropertyName("without_target")] IReadOnlyDictionary<string, int> WithoutTarget);

/// <summary>The extra examples to train on and the record of where they came from.</summary>
public sealed record ExtraTrainingSet(IReadOnlyList<PointerExample> Examples, IReadOnlyList<ExtraFolderRecord> Folders);

/// <summary>
/// Training rows beyond Spider's, from Spider-layout folders (<c>gateway synth</c> writes them): each row's schema
/// comes from the folder's <c>tables.json</c>, its database from the folder's <c>database/</c> or else from Spider's.
/// The extra examples are capped at a share of all training examples, sampled with the run's seed, so they add
/// variety without swamping Spider's own questions; held-out validation never sees them.
/// </summary>
public static class ExtraTrainingData
{
    public const string TablesFile = "tables.json";
    public const string TrainFile = "train.json";

    /// <param name="spiderExamples">how many Spider examples the run trains on (the cap is a share of the total)</param>
    /// <param name="share">the largest share of the training examples extra rows may make up, in [0, 1)</param>
    public static async Task<ExtraTrainingSet> BuildAsync(
        PointerExampleBuilder builder, IReadOnlyList<string> directories, string spiderDirectory, int spiderExamples, double share, long seed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(directories);
        if (share is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "the extra share must be in [0, 1)");
        }

        var built = new List<(string Directory, List<PointerExample> Examples, int Rows, int Databases, Dictionary<string, int> Failures)>();
        foreach (var directory in directories)
        {
            var schemas = await SpiderSchemaReader.ReadFileAsync(Path.Combine(directory, TablesFile), cancellationToken).ConfigureAwait(false);
            var rows = await SpiderQuestionReader.ReadFileAsync(Path.Combine(directory, TrainFile), cancellationToken).ConfigureAwait(false);
            var examples = new List<PointerExample>();
            var failures = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                if (!schemas.TryGetValue(row.DbId, out var schema))
                {
                    throw new SpiderDataException($"{Path.Combine(directory, TablesFile)} has no schema for database '{row.DbId}' (row {row.Index} of {TrainFile}).");
                }

                var result = await builder.BuildAsync(schema, DatabasePath(directory, spiderDirectory, row.DbId), row.Question, row.GoldSql, cancellationToken).ConfigureAwait(false);
                if (result.Example.Target is null)
                {
                    var kind = result.TargetFailure?.Kind ?? "unknown";
                    failures[kind] = failures.GetValueOrDefault(kind) + 1;
                    continue;
                }

                examples.Add(result.Example);
            }

            built.Add((directory, examples, rows.Count, rows.Select(r => r.DbId).Distinct(StringComparer.Ordinal).Count(), failures));
        }

        // extra / (spider + extra) <= share  <=>  extra <= share / (1 - share) * spider
        var cap = (int)Math.Floor(share / (1 - share) * spiderExamples);
        var all = built.SelectMany((b, folder) => b.Examples.Select(e => (Folder: folder, Example: e))).ToArray();
        if (all.Length > cap)
        {
            new Random(unchecked((int)seed)).Shuffle(all);
            all = all.Take(cap).ToArray();
        }

        var used = all.GroupBy(a => a.Folder).ToDictionary(g => g.Key, g => g.Count());
        var records = built.Select((b, i) => new ExtraFolderRecord(b.Directory, b.Rows, b.Examples.Count, used.GetValueOrDefault(i), b.Databases, b.Failures)).ToList();
        return new ExtraTrainingSet(all.Select(a => a.Example).ToList(), records);
    }

    /// <summary>The folder's own copy of the database when it has one (the demo database), else Spider's; null when neither exists.</summary>
    public static string? DatabasePath(string directory, string spiderDirectory, string dbId)
    {
        foreach (var root in new[] { directory, spiderDirectory })
        {
            var path = Path.Combine(root, "database", dbId, dbId + ".sqlite");
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
