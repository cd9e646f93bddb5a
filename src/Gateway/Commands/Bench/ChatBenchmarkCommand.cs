using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Api;
using Gateway.Api.Models;
using Gateway.Audit.Trail;
using Gateway.Cli;
using Gateway.Model.Generation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway bench chat</c>: what the OpenAI-compatible endpoint costs over generation itself. One local model is
/// served on a loopback port; the same conversation is completed greedily in process (the loaded model, no HTTP),
/// through <c>POST /v1/chat/completions</c>, and streamed (time to the first content chunk and to <c>[DONE]</c>), one
/// request at a time since a model generates one request at a time. Exit 4 unless every HTTP request was audited.
/// </summary>
internal sealed class ChatBenchmarkCommand : IGatewayCommand
{
    private const string ModelName = "bench";

    private static readonly ChatMessage[] Conversation =
    [
        new(ChatMessage.System, "You are a data analyst. Answer with one SQLite query."),
        new(ChatMessage.User, "How many orders were cancelled in each region last year?"),
    ];

    private readonly Option<DirectoryInfo> _model = new("--model") { Description = "The model folder to serve (config.json, safetensors, tokenizer.json).", Required = true };
    private readonly Option<int> _requests = new("--requests") { Description = "Timed requests per path.", DefaultValueFactory = _ => 16 };
    private readonly Option<int> _maxTokens = new("--max-tokens") { Description = "max_tokens of every request.", DefaultValueFactory = _ => 32 };
    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("chat", "Chat completion latency in process, over HTTP and streamed (time to first chunk) on one local model; checks one audit record per request.")
        {
            _model, _requests, _maxTokens, _json,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var requests = parse.GetValue(_requests);
        var maxTokens = parse.GetValue(_maxTokens);
        if (requests < 1 || maxTokens < 1)
        {
            await error.WriteLineAsync("error: --requests and --max-tokens must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var dataDirectory = Directory.CreateTempSubdirectory("gateway-bench-chat-").FullName;
        try
        {
            var options = new GatewayApiOptions
            {
                DataDirectory = dataDirectory,
                Urls = ["http://127.0.0.1:0"],
                RateLimitPermits = int.MaxValue,
                Models = new Dictionary<string, LocalModelOptions> { [ModelName] = new() { Path = parse.GetValue(_model)!.FullName, MaxTokens = maxTokens } },
            };
            var app = await GatewayApiHost.BuildAsync(options, builder => builder.Logging.SetMinimumLevel(LogLevel.Warning), cancellationToken).ConfigureAwait(false);
            await using (app.ConfigureAwait(false))
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var report = await MeasureAsync(app, requests, maxTokens, cancellationToken).ConfigureAwait(false);
                    await parse.InvocationConfiguration.Output.WriteLineAsync(parse.GetValue(_json) ? report.ToJson() : report.ToText()).ConfigureAwait(false);
                    if (report.Audited != report.Sent)
                    {
                        await error.WriteLineAsync($"error: the audit trail grew by {report.Audited} records for {report.Sent} requests.").ConfigureAwait(false);
                        return ExitCodes.Runtime;
                    }

                    return ExitCodes.Success;
                }
                finally
                {
                    await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (GatewayApiConfigurationException ex)
        {
            await error.WriteLineAsync($"error: {string.Join(Environment.NewLine, ex.Errors)}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is HttpRequestException or Api.Errors.ApiProblemException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Runtime;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<ChatBenchmarkReport> MeasureAsync(WebApplication app, int requests, int maxTokens, CancellationToken cancellationToken)
    {
        var audit = app.Services.GetRequiredService<IAuditStore>();
        var model = await app.Services.GetRequiredService<LocalModelRegistry>().GetAsync(ModelName, cancellationToken).ConfigureAwait(false);
        var prompt = model.Tokenizer.Encode(model.Format.Render(Conversation));
        var generation = new GenerationOptions { MaxNewTokens = maxTokens, StopTokenIds = model.StopTokenIds, PadTokenId = model.PadTokenId };
        using var client = new HttpClient { BaseAddress = new Uri(GatewayApiHost.BoundAddresses(app)[0]) };
        var body = new
        {
            model = ModelName,
            messages = Conversation.Select(m => new { role = m.Role, content = m.Content }).ToArray(),
            max_tokens = maxTokens,
        };

        var before = (await audit.VerifyAsync(cancellationToken).ConfigureAwait(false)).RecordsChecked;
        // Warm-up, one of each: JIT, TorchSharp's first kernels, the HTTP connection.
        var generated = (await model.GenerateAsync(prompt, 1, generation, cancellationToken).ConfigureAwait(false))[0].Tokens.Count;
        await WholeAsync(client, body, cancellationToken).ConfigureAwait(false);
        await StreamAsync(client, body, cancellationToken).ConfigureAwait(false);
        long sent = 2;

        LatencySample inProcess = new(), whole = new(), firstChunk = new(), streamed = new();
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await model.GenerateAsync(prompt, 1, generation, cancellationToken).ConfigureAwait(false);
            inProcess.Add(Stopwatch.GetElapsedTime(started));

            started = Stopwatch.GetTimestamp();
            await WholeAsync(client, body, cancellationToken).ConfigureAwait(false);
            whole.Add(Stopwatch.GetElapsedTime(started));

            var (first, total) = await StreamAsync(client, body, cancellationToken).ConfigureAwait(false);
            firstChunk.Add(first);
            streamed.Add(total);
            sent += 2;
        }

        var after = (await audit.VerifyAsync(cancellationToken).ConfigureAwait(false)).RecordsChecked;
        return new ChatBenchmarkReport(requests, prompt.Count, generated, inProcess, whole, firstChunk, streamed, sent, after - before);
    }

    private static async Task WholeAsync(HttpClient client, object body, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/v1/chat/completions", UriKind.Relative), body, cancellationToken).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Time to the first chunk carrying text, and to <c>[DONE]</c>.</summary>
    private static async Task<(TimeSpan FirstChunk, TimeSpan Total)> StreamAsync(HttpClient client, object body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/chat/completions", UriKind.Relative))
        {
            Content = JsonContent.Create(WithStream(body)),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        TimeSpan? first = null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line == "data: [DONE]")
            {
                var total = Stopwatch.GetElapsedTime(started);
                return (first ?? total, total);
            }

            if (first is null && HasText(line["data: ".Length..]))
            {
                first = Stopwatch.GetElapsedTime(started);
            }
        }

        throw new HttpRequestException("the stream ended without data: [DONE]");
    }

    private static JsonElement WithStream(object body)
    {
        var node = JsonSerializer.SerializeToNode(body)!.AsObject();
        node["stream"] = true;
        return JsonSerializer.SerializeToElement(node);
    }

    private static bool HasText(string chunk)
    {
        using var document = JsonDocument.Parse(chunk);
        return document.RootElement.GetProperty("choices").EnumerateArray()
            .Any(c => c.GetProperty("delta").TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 });
    }
}

/// <summary>The figures of one <c>gateway bench chat</c> run, in milliseconds.</summary>
internal sealed record ChatBenchmarkReport(
    int Requests, int PromptTokens, int GeneratedTokens, LatencySample InProcess, LatencySample Whole, LatencySample FirstChunk, LatencySample Streamed, long Sent, long Audited)
{
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"one local model, {Requests} requests per path, prompt {PromptTokens} tokens, {GeneratedTokens} generated (greedy)\n");
        text.Append("path                          p50 ms   p95 ms\n");
        foreach (var (name, sample) in Rows())
        {
            text.Append(CultureInfo.InvariantCulture, $"{name,-28} {sample.Percentile(50),8:0.0} {sample.Percentile(95),8:0.0}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"HTTP adds {Whole.Percentile(50) - InProcess.Percentile(50):0.0} ms at p50; audit: {Audited} records for {Sent} requests ({(Audited == Sent ? "exact" : "MISMATCH")})");
        return text.ToString();
    }

    public string ToJson()
    {
        var figures = Rows().ToDictionary(r => r.Name.Replace(' ', '_'), r => (object)new Dictionary<string, double>
        {
            ["p50_ms"] = Math.Round(r.Sample.Percentile(50), 3),
            ["p95_ms"] = Math.Round(r.Sample.Percentile(95), 3),
        });
        figures["requests"] = Requests;
        figures["prompt_tokens"] = PromptTokens;
        figures["generated_tokens"] = GeneratedTokens;
        figures["requests_sent"] = Sent;
        figures["audit_records_added"] = Audited;
        figures["audit_exact"] = Audited == Sent;
        return JsonSerializer.Serialize(figures);
    }

    private IEnumerable<(string Name, LatencySample Sample)> Rows() =>
    [
        ("in process", InProcess),
        ("http whole", Whole),
        ("http stream first chunk", FirstChunk),
        ("http stream done", Streamed),
    ];
}
