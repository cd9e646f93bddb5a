using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Commands.Sources;
using Gateway.Execution;
using Gateway.Execution.Providers;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Gateway.Sql.Policy;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway bench sql</c>: latency of <see cref="SqlExecutionPath"/> (validate under the built-in policy, read-only
/// transaction, typed conversion, rows streamed as JSON) against plain ADO.NET on the same source running the same
/// SQL the engine gets from the gateway (the validator's text) and reading every value of the same rows, calls
/// interleaved (gateway, direct, gateway, ...) so drift on a shared machine affects both alike. Reports min, p50
/// and p95 of each and their ratios.
/// </summary>
internal sealed class SqlBenchmarkCommand : IGatewayCommand
{
    /// <summary>1,000 rows of six mixed columns from the demo data set.</summary>
    public const string DefaultQuery =
        "SELECT order_item_id, order_id, product_id, quantity, unit_price, discount_pct FROM order_items ORDER BY order_item_id LIMIT 1000";

    private readonly SourceOptions _sources = new();
    private readonly Option<string> _query = new("--query") { Description = "The query to time; validated under the built-in policy like any statement (its row cap applies).", DefaultValueFactory = _ => DefaultQuery };
    private readonly Option<int> _iterations = new("--iterations") { Description = "Timed calls per path.", DefaultValueFactory = _ => 200 };
    private readonly Option<int> _warmup = new("--warmup") { Description = "Untimed calls per path first (JIT, pools, caches).", DefaultValueFactory = _ => 20 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };

    public Command Build(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var command = new Command("sql", "Execute-path latency (p50/p95) against direct ADO.NET on the same query, as ratios measured in one run.")
        {
            _query, _iterations, _warmup, _json,
        };
        _sources.AddTo(command);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var iterations = parse.GetValue(_iterations);
        var warmup = parse.GetValue(_warmup);
        if (iterations <= 0 || warmup < 0)
        {
            await error.WriteLineAsync("error: --iterations must be positive and --warmup not negative.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        SourceDescriptor source;
        try
        {
            var chosen = SourceResolver.Choose(SourceResolver.Parse(_sources.Specs(parse)), parse.GetValue(_sources.Use));
            source = await SourceResolver.OpenAsync(chosen, GatewayEnvironment.Resolve(parse, globals).DataDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceSpecException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var path = new SqlExecutionPath(SqlPolicyLoader.LoadDefault());
        var verdict = path.Validate(parse.GetValue(_query)!, SqlExecutionPath.DialectOf(source.Provider));
        if (!verdict.Allowed)
        {
            await error.WriteLineAsync($"error: the query is rejected by the built-in policy: {VerdictText.Format(verdict)}").ConfigureAwait(false);
            return ExitCodes.Rejected;
        }

        var query = parse.GetValue(_query)!;
        var direct = new DirectReader(source, verdict.Sql!);
        var gatewaySample = new LatencySample();
        var directSample = new LatencySample();
        long rows = 0;
        try
        {
            for (var i = 0; i < warmup + iterations; i++)
            {
                var timed = i >= warmup;
                var started = Stopwatch.GetTimestamp();
                rows = await RunGatewayAsync(path, source, query, cancellationToken).ConfigureAwait(false);
                var middle = Stopwatch.GetTimestamp();
                var directRows = await direct.RunAsync(cancellationToken).ConfigureAwait(false);
                var ended = Stopwatch.GetTimestamp();
                if (directRows != rows)
                {
                    await error.WriteLineAsync($"error: the two paths read different row counts ({rows} and {directRows}).").ConfigureAwait(false);
                    return ExitCodes.Runtime;
                }

                if (timed)
                {
                    gatewaySample.Add(Stopwatch.GetElapsedTime(started, middle));
                    directSample.Add(Stopwatch.GetElapsedTime(middle, ended));
                }
            }
        }
        catch (ExecutionException ex)
        {
            await error.WriteLineAsync($"error [{ex.ErrorCode.ToName()}]: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
        catch (DbException ex)
        {
            await error.WriteLineAsync($"error: the direct ADO.NET path failed: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }

        var report = new SqlBenchmarkReport(source.Name, source.Provider.ToName(), rows, iterations,
            gatewaySample.Percentile(0), gatewaySample.Percentile(50), gatewaySample.Percentile(95), directSample.Percentile(0), directSample.Percentile(50), directSample.Percentile(95));
        await output.WriteLineAsync(parse.GetValue(_json) ? report.ToJson() : report.ToText()).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>The gateway's path: validate (cached after the first call), read-only transaction, conversion, and every row written as JSON (to nowhere).</summary>
    private static async Task<long> RunGatewayAsync(SqlExecutionPath path, SourceDescriptor source, string query, CancellationToken cancellationToken)
    {
        var writer = new Utf8JsonWriter(Stream.Null, ResultJson.WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            var run = await path.RunAsync(source, query, new JsonRowsSink(writer), cancellationToken: cancellationToken).ConfigureAwait(false);
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            return run.Summary?.RowCount ?? throw new InvalidOperationException("The benchmark query was rejected.");
        }
    }

    /// <summary>
    /// The baseline: what an application with plain ADO.NET does for the same rows. The source's own connection
    /// string (pooled; built once, as the gateway's is), no transaction or session settings, the same SQL text the
    /// engine gets from the gateway, and every value of every row read (GetValues).
    /// </summary>
    private sealed class DirectReader(SourceDescriptor source, string sql)
    {
        private readonly SourceConnector _connector = SourceConnectors.For(source.Provider);
        private readonly string _connectionString = SourceConnectors.For(source.Provider).NormalizeConnectionString(source.ConnectionString);

        public async Task<long> RunAsync(CancellationToken cancellationToken)
        {
            var connection = _connector.CreateConnection(_connectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = sql;
                    var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        var values = new object[reader.FieldCount];
                        long rows = 0;
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            reader.GetValues(values);
                            rows++;
                        }

                        return rows;
                    }
                }
            }
        }
    }
}

/// <summary>The figures of one <c>gateway bench sql</c> run, in milliseconds.</summary>
/// <remarks>The minimum is reported beside the percentiles: on a busy shared machine it is the least disturbed figure.</remarks>
internal sealed record SqlBenchmarkReport(
    string Source, string Provider, long Rows, int Iterations,
    double GatewayMin, double GatewayP50, double GatewayP95, double DirectMin, double DirectP50, double DirectP95)
{
    public double RatioMin => GatewayMin / DirectMin;

    public double RatioP50 => GatewayP50 / DirectP50;

    public double RatioP95 => GatewayP95 / DirectP95;

    public string ToText() => string.Create(CultureInfo.InvariantCulture, $"""
        source {Source} ({Provider}), {Rows} rows per call, {Iterations} calls per path, interleaved
        path        min ms    p50 ms    p95 ms
        gateway   {GatewayMin,8:0.000}  {GatewayP50,8:0.000}  {GatewayP95,8:0.000}
        direct    {DirectMin,8:0.000}  {DirectP50,8:0.000}  {DirectP95,8:0.000}
        ratio     {RatioMin,8:0.00}x {RatioP50,8:0.00}x {RatioP95,8:0.00}x
        """);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("source", Source);
            writer.WriteString("provider", Provider);
            writer.WriteNumber("rows", Rows);
            writer.WriteNumber("iterations", Iterations);
            writer.WriteNumber("gateway_min_ms", Math.Round(GatewayMin, 3));
            writer.WriteNumber("gateway_p50_ms", Math.Round(GatewayP50, 3));
            writer.WriteNumber("gateway_p95_ms", Math.Round(GatewayP95, 3));
            writer.WriteNumber("direct_min_ms", Math.Round(DirectMin, 3));
            writer.WriteNumber("direct_p50_ms", Math.Round(DirectP50, 3));
            writer.WriteNumber("direct_p95_ms", Math.Round(DirectP95, 3));
            writer.WriteNumber("ratio_min", Math.Round(RatioMin, 3));
            writer.WriteNumber("ratio_p50", Math.Round(RatioP50, 3));
            writer.WriteNumber("ratio_p95", Math.Round(RatioP95, 3));
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
