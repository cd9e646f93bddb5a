namespace Gateway.Evaluation.Spider.Data;

/// <summary>One split of the benchmark with the schemas of its databases.</summary>
public sealed record SpiderDataset(
    string DataDirectory,
    SpiderSplit Split,
    IReadOnlyList<SpiderQuestion> Questions,
    IReadOnlyDictionary<string, SpiderSchema> Schemas)
{
    /// <summary>Where the question's SQLite file would be; it may be absent (e.g. <c>wta_1</c>).</summary>
    public string DatabasePath(string dbId) => Path.Combine(DataDirectory, "database", dbId, dbId + ".sqlite");

    public bool HasDatabase(string dbId) => File.Exists(DatabasePath(dbId));

    /// <summary>
    /// Loads a split. For dev the gold SQL comes from <c>dev_gold.sql</c> when present, as Spider's evaluator reads it;
    /// it must agree with <c>dev.json</c> row for row.
    /// </summary>
    public static async Task<SpiderDataset> LoadAsync(string dataDirectory, SpiderSplit split, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(dataDirectory))
        {
            throw new SpiderDataException($"Spider folder not found: {dataDirectory}");
        }

        var schemas = await SpiderSchemaReader.ReadFileAsync(Path.Combine(dataDirectory, "tables.json"), cancellationToken).ConfigureAwait(false);
        var file = split == SpiderSplit.Dev ? "dev.json" : "train_spider.json";
        var questions = await SpiderQuestionReader.ReadFileAsync(Path.Combine(dataDirectory, file), cancellationToken).ConfigureAwait(false);
        var goldPath = Path.Combine(dataDirectory, "dev_gold.sql");
        if (split == SpiderSplit.Dev && File.Exists(goldPath))
        {
            var gold = await SpiderQuestionReader.ReadGoldFileAsync(goldPath, cancellationToken).ConfigureAwait(false);
            if (gold.Count != questions.Count)
            {
                throw new SpiderDataException($"{goldPath} has {gold.Count} rows but dev.json has {questions.Count}.");
            }

            questions = questions.Select((q, i) => gold[i].DbId == q.DbId
                    ? q with { GoldSql = gold[i].Sql }
                    : throw new SpiderDataException($"{goldPath} row {i + 1} is for {gold[i].DbId}, dev.json for {q.DbId}."))
                .ToList();
        }

        return new SpiderDataset(dataDirectory, split, questions, schemas);
    }
}
