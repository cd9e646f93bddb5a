using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Context;
using Gateway.Context.Embeddings;
using Gateway.Context.Knowledge;
using Gateway.Context.Linking;
using Gateway.Context.Retrieval;
using Gateway.Execution.Demo;
using Gateway.Execution.Schema;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway bench context</c>: latency of the context stage (<see cref="ContextRetriever.RetrieveAsync(Gateway.Execution.Sources.SourceDescriptor, SchemaModel, string, CancellationToken)"/>)
/// on the demo source with a knowledge store of generated docs and pairs, ranked lexically only and with the
/// offline MiniLM encoder, calls interleaved so drift affects both alike. Also reports the encoder's one-off load
/// time and how fast items are embedded when added. Works in a fresh temporary data directory.
/// </summary>
internal sealed class ContextBenchmarkCommand : IGatewayCommand
{
    private static readonly string[] Questions =
    [
        "How many customers are there?",
        "Total revenue by month",
        "Which products sold the most units last year?",
        "Average order value per country",
        "How many orders were cancelled?",
        "Top 10 customers by total spend",
        "Revenue by product category",
        "What share of orders used a discount?",
    ];

    private readonly Option<int> _items = new("--items") { Description = "Knowledge items in the store (half docs, half pairs).", DefaultValueFactory = _ => 200 };
    private readonly Option<int> _iterations = new("--iterations") { Description = "Timed calls per path.", DefaultValueFactory = _ => 50 };
    private readonly Option<int> _warmup = new("--warmup") { Description = "Untimed calls per path first.", DefaultValueFactory = _ => 5 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("context", "Context-stage latency (p50/p95) on the demo source, lexical only and with MiniLM, measured in one run.")
        {
            _items, _iterations, _warmup, _json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var (items, iterations, warmup) = (parse.GetValue(_items), parse.GetValue(_iterations), parse.GetValue(_warmup));
        if (items < 2 || iterations <= 0 || warmup < 0)
        {
            await error.WriteLineAsync("error: --items must be at least 2, --iterations positive and --warmup not negative.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var dataDirectory = Directory.CreateTempSubdirectory("gateway-bench-context-").FullName;
        try
        {
            var source = await DemoDatabase.EnsureAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
            var schema = await new SchemaIntrospector().ReadAsync(source, cancellationToken: cancellationToken).ConfigureAwait(false);
            using var encoder = new MiniLmEmbedder();
            var loadStarted = Stopwatch.GetTimestamp();
            await encoder.EmbedAsync(["warm up"], cancellationToken).ConfigureAwait(false);
            var load = Stopwatch.GetElapsedTime(loadStarted);

            using var store = new SqliteKnowledgeStore(Path.Combine(dataDirectory, SqliteKnowledgeStore.FileName));
            var service = new KnowledgeService(store, new SqlValidator(), SqlPolicyLoader.LoadDefault(), TimeProvider.System, encoder);
            var drafts = Drafts(schema, items);
            var addStarted = Stopwatch.GetTimestamp();
            await service.AddManyAsync(source.Name, SqlDialectKind.Sqlite, drafts, "bench", cancellationToken).ConfigureAwait(false);
            var add = Stopwatch.GetElapsedTime(addStarted);

            using var linker = new SchemaLinker();
            var lexical = new ContextRetriever(linker, new KnowledgeRetriever(store));
            var vector = new ContextRetriever(linker, new KnowledgeRetriever(store, embedder: encoder), embedder: encoder);
            var lexicalSample = new LatencySample();
            var vectorSample = new LatencySample();
            for (var i = 0; i < warmup + iterations; i++)
            {
                var question = Questions[i % Questions.Length];
                var started = Stopwatch.GetTimestamp();
                await lexical.RetrieveAsync(source, schema, question, cancellationToken).ConfigureAwait(false);
                var middle = Stopwatch.GetTimestamp();
                await vector.RetrieveAsync(source, schema, question, cancellationToken).ConfigureAwait(false);
                var ended = Stopwatch.GetTimestamp();
                if (i >= warmup)
                {
                    lexicalSample.Add(Stopwatch.GetElapsedTime(started, middle));
                    vectorSample.Add(Stopwatch.GetElapsedTime(middle, ended));
                }
            }

            var report = new ContextBenchmarkReport(items, iterations, schema.Tables.Count, load.TotalMilliseconds, items / add.TotalSeconds,
                lexicalSample.Percentile(50), lexicalSample.Percentile(95), vectorSample.Percentile(50), vectorSample.Percentile(95));
            await output.WriteLineAsync(parse.GetValue(_json) ? report.ToJson() : report.ToText()).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>Docs and pairs about the demo's own tables and columns, so lexical matching has real competition.</summary>
    private static List<KnowledgeDraft> Drafts(SchemaModel schema, int count)
    {
        var columns = schema.Tables.Where(t => t.Kind == TableKind.Table).SelectMany(t => t.Columns.Select(c => (Table: t.Name, Column: c.Name))).ToList();
        var drafts = new List<KnowledgeDraft>(count);
        for (var i = 0; i < count; i++)
        {
            var (table, column) = columns[i % columns.Count];
            var words = column.Replace('_', ' ');
            drafts.Add(i % 2 == 0
                ? KnowledgeDraft.Documentation($"Note {i}: {table}.{column} holds the {words} of each {table.TrimEnd('s')}; filter on it when asked about {words}.")
                : KnowledgeDraft.Pair($"How many {table} have a known {words} (case {i})?", $"SELECT count(*) FROM \"{table}\" WHERE \"{column}\" IS NOT NULL"));
        }

        return drafts;
    }
}

/// <summary>The figures of one <c>gateway bench context</c> run, in milliseconds.</summary>
internal sealed record ContextBenchmarkReport(
    int Items, int Iterations, int Tables, double EncoderLoadMs, double ItemsEmbeddedPerSecond,
    double LexicalP50, double LexicalP95, double VectorP50, double VectorP95)
{
    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"""
        demo source ({Tables} tables, kept whole), {Items} knowledge items, {Iterations} calls per path, interleaved
        MiniLM load {EncoderLoadMs:0} ms; items embedded when added: {ItemsEmbeddedPerSecond:0.0}/s
        path              p50 ms    p95 ms
        lexical only    {LexicalP50,8:0.000}  {LexicalP95,8:0.000}
        BM25 + MiniLM   {VectorP50,8:0.000}  {VectorP95,8:0.000}
        """);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("items", Items);
            writer.WriteNumber("iterations", Iterations);
            writer.WriteNumber("tables", Tables);
            writer.WriteNumber("encoder_load_ms", Math.Round(EncoderLoadMs, 1));
            writer.WriteNumber("items_embedded_per_s", Math.Round(ItemsEmbeddedPerSecond, 1));
            writer.WriteNumber("lexical_p50_ms", Math.Round(LexicalP50, 3));
            writer.WriteNumber("lexical_p95_ms", Math.Round(LexicalP95, 3));
            writer.WriteNumber("vector_p50_ms", Math.Round(VectorP50, 3));
            writer.WriteNumber("vector_p95_ms", Math.Round(VectorP95, 3));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
