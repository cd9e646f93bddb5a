using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Api;
using Gateway.Api.Upstreams;
using Gateway.Audit.Trail;
using Gateway.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway bench upstream</c>: what forwarding through the gateway costs. The same chat completion is sent to an
/// in-process canned OpenAI-compatible server directly and through the gateway (auth, upstream selection from the
/// body, YARP, audit), at 1, 8 and 64 clients, in one run. Fresh data directory; exit 4 unless the audit trail grew
/// by exactly the number of forwarded requests.
/// </summary>
internal sealed class UpstreamBenchmarkCommand : IGatewayCommand
{
    private const string ModelName = "bench-model";
    private static readonly int[] Concurrency = [1, 8, 64];
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        $$"""{"model":"{{ModelName}}","messages":[{"role":"system","content":"You write SQLite."},{"role":"user","content":"How many orders were cancelled?"}],"max_tokens":64}""");

    private readonly Option<int> _requests = new("--requests") { Description = "Timed requests per concurrency level, per path.", DefaultValueFactory = _ => 256 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("upstream", "Chat completions through the gateway's YARP forwarding beside the same requests sent to the upstream directly, at 1, 8 and 64 clients.")
        {
            _requests, _json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var requests = parse.GetValue(_requests);
        if (requests < 1)
        {
            await error.WriteLineAsync("error: --requests must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var dataDirectory = Directory.CreateTempSubdirectory("gateway-bench-upstream-").FullName;
        try
        {
            await using var upstream = await CannedModelServer.StartAsync(cancellationToken).ConfigureAwait(false);
            return await MeasureAsync(dataDirectory, upstream.Address, requests, parse.GetValue(_json), parse.InvocationConfiguration.Output, error, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(string dataDirectory, Uri upstream, int requests, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = new GatewayApiOptions
        {
            DataDirectory = dataDirectory,
            Urls = ["http://127.0.0.1:0"],
            RateLimitPermits = int.MaxValue,
            Upstreams = new Dictionary<string, UpstreamOptions>
            {
                ["bench"] = new() { Models = [ModelName], Destinations = [upstream.ToString()] },
            },
        };
        var app = await GatewayApiHost.BuildAsync(options, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning), cancellationToken).ConfigureAwait(false);
        await using (app.ConfigureAwait(false))
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var gateway = new Uri(GatewayApiHost.BoundAddresses(app)[0]);
            var audit = app.Services.GetRequiredService<IAuditStore>();
            var direct = Enumerable.Range(0, Concurrency.Max()).Select(_ => new HttpClient { BaseAddress = upstream }).ToArray();
            var proxied = Enumerable.Range(0, Concurrency.Max()).Select(_ => new HttpClient { BaseAddress = gateway }).ToArray();
            try
            {
                var before = (await audit.VerifyAsync(cancellationToken).ConfigureAwait(false)).RecordsChecked;
                // Warm-up: JIT, connection pools, YARP's first route match; forwarded and audited like the rest.
                await HttpLoad.RunAsync(8, 64, (c, ct) => PostAsync(direct[c], ct), cancellationToken).ConfigureAwait(false);
                await HttpLoad.RunAsync(8, 64, (c, ct) => PostAsync(proxied[c], ct), cancellationToken).ConfigureAwait(false);
                long sent = 64;
                var lines = new List<UpstreamBenchmarkLine>();
                foreach (var clients in Concurrency)
                {
                    var straight = await HttpLoad.RunAsync(clients, requests, (c, ct) => PostAsync(direct[c], ct), cancellationToken).ConfigureAwait(false);
                    var forwarded = await HttpLoad.RunAsync(clients, requests, (c, ct) => PostAsync(proxied[c], ct), cancellationToken).ConfigureAwait(false);
                    sent += requests;
                    lines.Add(new UpstreamBenchmarkLine(clients, forwarded, straight));
                }

                var after = (await audit.VerifyAsync(cancellationToken).ConfigureAwait(false)).RecordsChecked;
                var report = new UpstreamBenchmarkReport(requests, lines, sent, after - before);
                await output.WriteLineAsync(json ? report.ToJson() : report.ToText()).ConfigureAwait(false);
                if (after - before != sent)
                {
                    await error.WriteLineAsync($"error: the audit trail grew by {after - before} records for {sent} forwarded requests.").ConfigureAwait(false);
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
                foreach (var client in direct.Concat(proxied))
                {
                    client.Dispose();
                }

                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task PostAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>One concurrency level: through the gateway and straight to the upstream.</summary>
internal sealed record UpstreamBenchmarkLine(int Clients, LoadResult Forwarded, LoadResult Direct);

/// <summary>The figures of one <c>gateway bench upstream</c> run.</summary>
internal sealed record UpstreamBenchmarkReport(int Requests, IReadOnlyList<UpstreamBenchmarkLine> Lines, long Sent, long Audited)
{
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"chat completion to a canned upstream, {Requests} requests per concurrency and path\n");
        text.Append("clients | via gateway req/s  p50 ms  p95 ms | direct req/s  p50 ms  p95 ms | added p50 ms\n");
        foreach (var line in Lines)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{line.Clients,7} | {line.Forwarded.RequestsPerSecond,17:0.0} {line.Forwarded.P50Ms,7:0.00} {line.Forwarded.P95Ms,7:0.00} | {line.Direct.RequestsPerSecond,12:0.0} {line.Direct.P50Ms,7:0.00} {line.Direct.P95Ms,7:0.00} | {line.Forwarded.P50Ms - line.Direct.P50Ms,12:0.00}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"audit: {Audited} records for {Sent} forwarded requests ({(Audited == Sent ? "exact" : "MISMATCH")})");
        return text.ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("requests", Requests);
            writer.WriteStartArray("results");
            foreach (var line in Lines)
            {
                writer.WriteStartObject();
                writer.WriteNumber("clients", line.Clients);
                Write(writer, "via_gateway", line.Forwarded);
                Write(writer, "direct", line.Direct);
                writer.WriteNumber("added_p50_ms", Math.Round(line.Forwarded.P50Ms - line.Direct.P50Ms, 3));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("requests_forwarded", Sent);
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
