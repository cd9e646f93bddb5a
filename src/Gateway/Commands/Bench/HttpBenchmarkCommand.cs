using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Api;
using Gateway.Audit.Trail;
using Gateway.Cli;
using Gateway.Execution.Demo;
using Gateway.Sql.Policy;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway bench http</c>: requests/s and p50/p95 latency of <c>POST /v1/sql</c> on the demo source (an in-process
/// Kestrel on a loopback port, one <see cref="HttpClient"/> per concurrent client) for a 1-row and a 1,000-row query
/// at 1, 8 and 64 clients, beside the same queries through <c>gateway sql</c>'s in-process execute path in the same
/// run. It uses a fresh data directory (deleted afterwards) and checks that the audit trail grew by exactly the
/// number of HTTP requests sent.
/// </summary>
internal sealed class HttpBenchmarkCommand : IGatewayCommand
{
    public const string OneRowQuery = "SELECT region_id, name, country FROM regions WHERE region_id = 1";

    private static readonly int[] Concurrency = [1, 8, 64];

    private readonly Option<int> _requests = new("--requests") { Description = "Timed requests per query and concurrency level, per path.", DefaultValueFactory = _ => 256 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("http", "POST /v1/sql throughput and p50/p95 latency at 1, 8 and 64 clients beside the in-process execute path; checks one audit record per request.")
        {
            _requests, _json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var requests = parse.GetValue(_requests);
        if (requests < 1)
        {
            await error.WriteLineAsync("error: --requests must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var dataDirectory = Directory.CreateTempSubdirectory("gateway-bench-http-").FullName;
        try
        {
            return await MeasureAsync(dataDirectory, requests, parse.GetValue(_json), output, error, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(string dataDirectory, int requests, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = new GatewayApiOptions
        {
            DataDirectory = dataDirectory,
            Urls = ["http://127.0.0.1:0"],
            RateLimitPermits = int.MaxValue,
        };
        var app = await GatewayApiHost.BuildAsync(options, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning), cancellationToken).ConfigureAwait(false);
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = new Uri(GatewayApiHost.BoundAddresses(app)[0]);
            var audit = app.Services.GetRequiredService<IAuditStore>();
            var inProcess = new InProcessSqlPath(await DemoDatabase.EnsureAsync(dataDirectory, cancellationToken).ConfigureAwait(false), SqlPolicyLoader.LoadDefault());
            var clients = Enumerable.Range(0, Concurrency.Max()).Select(_ => new HttpClient { BaseAddress = address }).ToArray();
            try
            {
                var queries = new[] { ("1 row", OneRowQuery), ("1000 rows", SqlBenchmarkCommand.DefaultQuery) };
                var before = (await audit.VerifyAsync(cancellationToken).ConfigureAwait(false)).RecordsChecked;
                long sent = 0;
                var lines = new List<HttpBenchmarkLine>();
                foreach (var (label, sql) in queries)
                {
                    // Warm-up: JIT, connection pools, the demo file's pages; sent and audited like the rest.
                    await HttpLoad.RunAsync(8, 32, (c, ct) => PostAsync(clients[c], sql, ct), cancellationToken).ConfigureAwait(false);
                    await HttpLoad.RunAsync(8, 32, (_, ct) => inProcess.RunAsync(sql, ct), cancellationToken).ConfigureAwait(false);
                    sent += 32;
                    foreach (var concurrency in Concurrency)
                    {
                        var http = await HttpLoad.RunAsync(concurrency, requests, (c, ct) => PostAsync(clients[c], sql, ct), cancellationToken).ConfigureAwait(false);
                        sent += requests;
                        var direct = await HttpLoad.RunAsync(concurrency, requests, (_, ct) => inProcess.RunAsync(sql, ct), cancellationToken).ConfigureAwait(false);
                        lines.Add(new HttpBenchmarkLine(label, concurrency, http, direct));
                    }
                }

                var after = (await audit.VerifyAsync(cancellationToken).ConfigureAwait(false)).RecordsChecked;
                var report = new HttpBenchmarkReport(requests, lines, sent, after - before);
                await output.WriteLineAsync(json ? report.ToJson() : report.ToText()).ConfigureAwait(false);
                if (after - before != sent)
                {
                    await error.WriteLineAsync($"error: the audit trail grew by {after - before} records for {sent} requests.").ConfigureAwait(false);
                    return ExitCodes.Runtime;
                }

                return ExitCodes.Success;
            }
            catch (HttpRequestException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Runtime;
            }
            finally
            {
                foreach (var client in clients)
                {
                    client.Dispose();
                }

                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task PostAsync(HttpClient client, string sql, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/v1/sql", UriKind.Relative), new { source = DemoDatabase.SourceName, sql }, cancellationToken).ConfigureAwait(false);
        // Read the whole body: the client pays for the rows, as a real one does.
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>One query at one concurrency: the HTTP path and the in-process path.</summary>
internal sealed record HttpBenchmarkLine(string Query, int Clients, LoadResult Http, LoadResult InProcess);

/// <summary>The figures of one <c>gateway bench http</c> run.</summary>
internal sealed record HttpBenchmarkReport(int Requests, IReadOnlyList<HttpBenchmarkLine> Lines, long Sent, long Audited)
{
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"demo source (sqlite), {Requests} requests per query, concurrency and path\n");
        text.Append("query      clients   http req/s  p50 ms  p95 ms | in-process req/s  p50 ms  p95 ms\n");
        foreach (var line in Lines)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{line.Query,-10} {line.Clients,7} {line.Http.RequestsPerSecond,12:0.0} {line.Http.P50Ms,7:0.00} {line.Http.P95Ms,7:0.00} | {line.InProcess.RequestsPerSecond,16:0.0} {line.InProcess.P50Ms,7:0.00} {line.InProcess.P95Ms,7:0.00}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"audit: {Audited} records for {Sent} requests sent ({(Audited == Sent ? "exact" : "MISMATCH")})");
        return text.ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("source", "demo");
            writer.WriteNumber("requests", Requests);
            writer.WriteStartArray("results");
            foreach (var line in Lines)
            {
                writer.WriteStartObject();
                writer.WriteString("query", line.Query);
                writer.WriteNumber("clients", line.Clients);
                Write(writer, "http", line.Http);
                Write(writer, "in_process", line.InProcess);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("requests_sent", Sent);
            writer.WriteNumber("audit_records_added", Audited);
            writer.WriteBoolean("audit_exact", Audited == Sent);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, string name, LoadResult result)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("requests_per_second", Math.Round(result.RequestsPerSecond, 1));
        writer.WriteNumber("p50_ms", Math.Round(result.P50Ms, 3));
        writer.WriteNumber("p95_ms", Math.Round(result.P95Ms, 3));
        writer.WriteEndObject();
    }
}
