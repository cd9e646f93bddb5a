using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Gateway.Api.Errors;
using Gateway.Api.Telemetry;
using Gateway.Audit.Keys;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Gateway.Model.Generation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Api.Models;

/// <summary>
/// <c>POST /v1/chat/completions</c> on a local model: format the conversation, generate, and answer whole or as
/// server-sent <c>chat.completion.chunk</c> events. Every request after its body was read gets one audit record
/// (principal, model, the prompt's length and SHA-256, never its text or the caller's key), a <c>gateway.generate</c>
/// span and the token counter.
/// </summary>
internal sealed class ChatCompletionService(
    LocalModelRegistry models,
    IAuditStore audit,
    GatewayMetrics metrics,
    ModelMetrics modelMetrics,
    TimeProvider time,
    ILogger<ChatCompletionService> logger)
{
    public const string Operation = "chat";

    public async Task<ChatCompletionResponse> CompleteAsync(GatewayPrincipal principal, ChatCompletionSpec spec, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var entry = NewAuditEvent(principal, spec);
        try
        {
            var prepared = await PrepareAsync(spec, cancellationToken).ConfigureAwait(false);
            var texts = NewTexts(prepared);
            var results = await GenerateAsync(prepared, new TextObserver(texts, deltas: null), cancellationToken).ConfigureAwait(false);
            var usage = new ChatCompletionUsage(prepared.Prompt.Count, results.Sum(r => r.Tokens.Count));
            await AuditAsync(entry with { Verdict = AuditVerdict.Allowed }, started).ConfigureAwait(false);
            Completed(spec.Model, usage, "allowed");
            var choices = results.Select((r, i) => new ChatCompletionChoice(i, new AssistantMessage(texts[i].Text), FinishReason(r, texts[i]))).ToList();
            return new ChatCompletionResponse(NewId(), time.GetUtcNow().ToUnixTimeSeconds(), spec.Model, choices, usage);
        }
        catch (Exception ex) when (Classify(ex, spec.Model, cancellationToken) is { } code)
        {
            await AuditAsync(entry with { ErrorCode = code }, started).ConfigureAwait(false);
            metrics.RequestCompleted(Operation, "error");
            throw Problem(ex, spec.Model);
        }
    }

    /// <summary>
    /// Streams the answer. Failures before the first event are thrown (the client gets an error status); a failure
    /// after it ends the stream with an <c>error</c> event and no <c>[DONE]</c>.
    /// </summary>
    public async Task StreamAsync(GatewayPrincipal principal, ChatCompletionSpec spec, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var started = time.GetTimestamp();
        var entry = NewAuditEvent(principal, spec);
        Prepared prepared;
        try
        {
            prepared = await PrepareAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Classify(ex, spec.Model, cancellationToken) is { } code)
        {
            await AuditAsync(entry with { ErrorCode = code }, started).ConfigureAwait(false);
            metrics.RequestCompleted(Operation, "error");
            throw Problem(ex, spec.Model);
        }

        var writer = new ChunkWriter(response, NewId(), time.GetUtcNow().ToUnixTimeSeconds(), spec.Model);
        try
        {
            await writer.StartAsync(spec.N, cancellationToken).ConfigureAwait(false);
            var texts = NewTexts(prepared);
            var deltas = Channel.CreateUnbounded<(int Index, string Text)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var generation = GenerateAndCompleteAsync(prepared, new TextObserver(texts, deltas.Writer), deltas.Writer, cancellationToken);
            await foreach (var (index, text) in deltas.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await writer.ContentAsync(index, text, cancellationToken).ConfigureAwait(false);
            }

            var results = await generation.ConfigureAwait(false);
            for (var i = 0; i < results.Count; i++)
            {
                await writer.FinishAsync(i, texts[i].TakeDelta(final: true), FinishReason(results[i], texts[i]), cancellationToken).ConfigureAwait(false);
            }

            var usage = new ChatCompletionUsage(prepared.Prompt.Count, results.Sum(r => r.Tokens.Count));
            await AuditAsync(entry with { Verdict = AuditVerdict.Allowed }, started).ConfigureAwait(false);
            Completed(spec.Model, usage, "allowed");
            if (spec.IncludeUsage)
            {
                await writer.UsageAsync(usage, cancellationToken).ConfigureAwait(false);
            }

            await writer.DoneAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Classify(ex, spec.Model, cancellationToken) is { } code)
        {
            await AuditAsync(entry with { ErrorCode = code }, started).ConfigureAwait(false);
            metrics.RequestCompleted(Operation, "error");
            if (!cancellationToken.IsCancellationRequested)
            {
                var problem = Problem(ex, spec.Model);
                await writer.ErrorAsync(problem.Status, problem.Code, problem.Message).ConfigureAwait(false);
            }
        }
        catch (AuditWriteException ex)
        {
            // The answer was streamed but cannot be audited: the client is told instead of getting [DONE].
            ApiLog.AuditRefused(logger, response.HttpContext.Request.Path, ex);
            await writer.ErrorAsync(StatusCodes.Status503ServiceUnavailable, GatewayErrorCodes.AuditUnavailable,
                "The completion could not be audited and must not be used.").ConfigureAwait(false);
        }
    }

    private async Task<Prepared> PrepareAsync(ChatCompletionSpec spec, CancellationToken cancellationToken)
    {
        var model = await models.GetAsync(spec.Model, cancellationToken).ConfigureAwait(false);
        string text;
        try
        {
            text = model.Format.Render(spec.Messages);
        }
        catch (Gateway.Model.Prompting.ChatTemplateException ex)
        {
            // The model's own template refused the conversation (raise_exception) or cannot render it: the client's to fix.
            throw ChatCompletionRequestReader.Invalid("messages", $"The model's chat template cannot render these messages: {ex.Message}");
        }

        var prompt = model.Tokenizer.Encode(text);
        var room = model.ContextLength - prompt.Count;
        if (room < 1)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "context_length_exceeded",
                $"The prompt is {prompt.Count} tokens; the model '{spec.Model}' takes at most {model.ContextLength} tokens of prompt and completion together.",
                new Dictionary<string, object?> { [OpenAiErrors.ParamExtension] = "messages" });
        }

        var maxTokens = spec.MaxTokens ?? model.DefaultMaxTokens;
        if (maxTokens > model.DefaultMaxTokens)
        {
            throw ChatCompletionRequestReader.Invalid("max_tokens", $"\"max_tokens\" may be at most {model.DefaultMaxTokens} for the model '{spec.Model}'.");
        }

        var options = new GenerationOptions
        {
            MaxNewTokens = Math.Min(maxTokens, room),
            Temperature = spec.Temperature ?? 0,
            TopP = spec.TopP,
            Seed = spec.Seed,
            StopTokenIds = model.StopTokenIds,
            PadTokenId = model.PadTokenId,
        };
        return new Prepared(model, prompt, options, [.. spec.Stop, .. model.Format.StopStrings], spec.N);
    }

    private async Task<IReadOnlyList<GenerationResult>> GenerateAsync(Prepared prepared, TextObserver observer, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.generate");
        activity?.SetTag("gen_ai.operation.name", "chat");
        activity?.SetTag("gen_ai.request.model", prepared.Model.Name);
        activity?.SetTag("gen_ai.request.max_tokens", prepared.Options.MaxNewTokens);
        activity?.SetTag("gen_ai.usage.input_tokens", prepared.Prompt.Count);
        var results = await prepared.Model.GenerateAsync(prepared.Prompt, prepared.Choices, prepared.Options with { Observer = observer }, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("gen_ai.usage.output_tokens", results.Sum(r => r.Tokens.Count));
        activity?.SetTag("gen_ai.response.finish_reasons", string.Join(',', results.Select(r => r.FinishReason == Model.Generation.FinishReason.Stop ? "stop" : "length")));
        metrics.StageCompleted("generate", time.GetElapsedTime(started));
        return results;
    }

    private async Task<IReadOnlyList<GenerationResult>> GenerateAndCompleteAsync(
        Prepared prepared, TextObserver observer, ChannelWriter<(int, string)> deltas, CancellationToken cancellationToken)
    {
        try
        {
            return await GenerateAsync(prepared, observer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            deltas.TryComplete();
        }
    }

    private static CompletionText[] NewTexts(Prepared prepared) =>
        [.. Enumerable.Range(0, prepared.Choices).Select(_ => new CompletionText(prepared.Model.Tokenizer, prepared.StopStrings))];

    private static string FinishReason(GenerationResult result, CompletionText text) =>
        text.HitStopString || result.FinishReason == Model.Generation.FinishReason.Stop ? "stop" : "length";

    private AuditEvent NewAuditEvent(GatewayPrincipal principal, ChatCompletionSpec spec) => new()
    {
        Principal = principal.Name,
        Source = $"model:{spec.Model}",
        ModelId = spec.Model,
        Question = PromptSummary(spec.Messages),
        Verdict = AuditVerdict.Error,
        TraceId = Activity.Current?.TraceId.ToString(),
    };

    /// <summary>What the audit trail keeps of a conversation: its size and a fingerprint, never its text.</summary>
    internal static string PromptSummary(IReadOnlyList<ChatMessage> messages)
    {
        var canonical = string.Join('\0', messages.Select(m => $"{m.Role}\u0001{m.Content}"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return $"chat: {messages.Count} messages, {messages.Sum(m => m.Content.Length)} chars, sha256:{hash}";
    }

    // The record is written even if the client left: the model ran.
    private async Task AuditAsync(AuditEvent entry, long started) =>
        await audit.AppendAsync(entry with { DurationMs = time.GetElapsedTime(started).TotalMilliseconds }, CancellationToken.None).ConfigureAwait(false);

    private void Completed(string model, ChatCompletionUsage usage, string verdict)
    {
        modelMetrics.Tokens(model, usage.PromptTokens, usage.CompletionTokens);
        metrics.RequestCompleted(Operation, verdict);
    }

    private string? Classify(Exception ex, string model, CancellationToken cancellationToken) => ex switch
    {
        AuditWriteException => null,
        ApiProblemException problem => problem.Code,
        OperationCanceledException when cancellationToken.IsCancellationRequested => GatewayErrorCodes.Cancelled,
        _ => LogFailure(ex, model),
    };

    private string LogFailure(Exception ex, string model)
    {
        ApiLog.GenerationFailed(logger, model, ex);
        return GatewayErrorCodes.GenerationFailed;
    }

    private static ApiProblemException Problem(Exception ex, string model) => ex as ApiProblemException
        ?? (ex is OperationCanceledException
            // 499, "client closed request" as proxies log it: the client has gone and never reads this.
            ? new ApiProblemException(499, GatewayErrorCodes.Cancelled, "The request was cancelled.")
            : new ApiProblemException(StatusCodes.Status500InternalServerError, GatewayErrorCodes.GenerationFailed,
                $"Generation with the model '{model}' failed; the trace id identifies it in the gateway's log."));

    private static string NewId() => $"chatcmpl-{Guid.NewGuid():N}";

    private sealed record Prepared(LocalChatModel Model, IReadOnlyList<int> Prompt, GenerationOptions Options, IReadOnlyList<string> StopStrings, int Choices);

    /// <summary>Feeds each choice's tokens to its <see cref="CompletionText"/>, and its safe deltas to the stream when there is one.</summary>
    private sealed class TextObserver(CompletionText[] texts, ChannelWriter<(int, string)>? deltas) : IGenerationObserver
    {
        public bool OnToken(int sequence, IReadOnlyList<int> generated)
        {
            var keepGoing = texts[sequence].Update(generated);
            if (deltas is not null && keepGoing && texts[sequence].TakeDelta(final: false) is { Length: > 0 } delta)
            {
                deltas.TryWrite((sequence, delta));
            }

            return keepGoing;
        }
    }

    /// <summary>Writes server-sent events: <c>data: {chunk}</c> lines, flushed one by one, ending with <c>data: [DONE]</c>.</summary>
    private sealed class ChunkWriter(HttpResponse response, string id, long created, string model)
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public Task StartAsync(int choices, CancellationToken cancellationToken)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            var first = Enumerable.Range(0, choices).Select(i => new ChatCompletionChunkChoice(i, new ChunkDelta { Role = ChatMessage.Assistant, Content = "" }, null));
            return WriteAsync(new ChatCompletionChunk(id, created, model, [.. first]), cancellationToken);
        }

        public Task ContentAsync(int index, string text, CancellationToken cancellationToken) =>
            WriteAsync(new ChatCompletionChunk(id, created, model, [new ChatCompletionChunkChoice(index, new ChunkDelta { Content = text }, null)]), cancellationToken);

        public async Task FinishAsync(int index, string rest, string finishReason, CancellationToken cancellationToken)
        {
            if (rest.Length > 0)
            {
                await ContentAsync(index, rest, cancellationToken).ConfigureAwait(false);
            }

            await WriteAsync(new ChatCompletionChunk(id, created, model, [new ChatCompletionChunkChoice(index, new ChunkDelta(), finishReason)]), cancellationToken).ConfigureAwait(false);
        }

        public Task UsageAsync(ChatCompletionUsage usage, CancellationToken cancellationToken) =>
            WriteAsync(new ChatCompletionChunk(id, created, model, []) { Usage = usage }, cancellationToken);

        public Task DoneAsync(CancellationToken cancellationToken) => WriteRawAsync("[DONE]", cancellationToken);

        public Task ErrorAsync(int status, string code, string message) =>
            WriteRawAsync(JsonSerializer.Serialize(new OpenAiErrors.ErrorBody(new OpenAiErrors.ErrorDetail(message, OpenAiErrors.TypeFor(status), null, code)), Json), CancellationToken.None);

        private Task WriteAsync(ChatCompletionChunk chunk, CancellationToken cancellationToken) =>
            WriteRawAsync(JsonSerializer.Serialize(chunk, Json), cancellationToken);

        private async Task WriteRawAsync(string data, CancellationToken cancellationToken)
        {
            await response.WriteAsync($"data: {data}\n\n", cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
