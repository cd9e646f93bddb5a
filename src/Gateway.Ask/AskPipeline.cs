using System.Diagnostics;
using Gateway.Ask.Checking;
using Gateway.Ask.Context;
using Gateway.Ask.Conversations;
using Gateway.Ask.Presenting;
using Gateway.Ask.Routing;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Gateway.Execution;
using Gateway.Execution.Sources;
using Gateway.Generation;
using Gateway.Presentation.Charts;
using Gateway.Sql.Dialects;

namespace Gateway.Ask;

/// <summary>
/// One question, start to finish: route, context, then either a prose answer (structure, conversation, no generator
/// configured) or generate, check and repair, execute and present; the conversation remembers the answer. Each stage
/// is its own span under <c>gateway.ask</c> and its own timing; exactly one audit record is written per ask, failures
/// included, before the caller hears the outcome.
/// </summary>
public sealed class AskPipeline
{
    private readonly QuestionRouter _router;
    private readonly IAskContextProvider _context;
    private readonly ConversationResponder _responder;
    private readonly SchemaGuide _guide;
    private readonly CheckAndRepairStage _search;
    private readonly PresentStage _present;
    private readonly IConversationStore _conversations;
    private readonly SqlGeneratorCatalog _generators;
    private readonly IAuditStore _audit;
    private readonly AskOptions _options;
    private readonly TimeProvider _time;
    private readonly GatewayMetrics? _metrics;

    public AskPipeline(
        QuestionRouter router,
        IAskContextProvider context,
        ConversationResponder responder,
        SchemaGuide guide,
        ReadOnlyRunner runner,
        PresentStage present,
        IConversationStore conversations,
        SqlGeneratorCatalog generators,
        IAuditStore audit,
        AskOptions options,
        TimeProvider time,
        GatewayMetrics? metrics = null)
    {
        _router = router;
        _context = context;
        _responder = responder;
        _guide = guide;
        _search = new CheckAndRepairStage(runner, options);
        _present = present;
        _conversations = conversations;
        _generators = generators;
        _audit = audit;
        _options = options;
        _time = time;
        _metrics = metrics;
    }

    public const string Operation = "ask";

    public async Task<AskResult> AskAsync(AskRequest request, IAskObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Question);
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.ask");
        activity?.SetTag("gateway.source", request.Source.Name);
        var clock = new StageClock(_time, observer ?? NoAskObserver.Instance, _metrics);
        var entry = new AuditEvent
        {
            Principal = request.Principal,
            Source = request.Source.Name,
            Question = request.Question,
            Verdict = AuditVerdict.Error,
            TraceId = Activity.Current?.TraceId.ToString(),
        };
        try
        {
            var (conversationId, history) = await ConversationAsync(request, cancellationToken).ConfigureAwait(false);
            var intent = await RouteAsync(request, clock, cancellationToken).ConfigureAwait(false);
            var route = QuestionRouter.RouteOf(intent);
            activity?.SetTag("gateway.ask.route", route.ToName());
            var generator = route == AskRoute.Data ? Generator(request) : null;
            var context = await ContextAsync(request, clock, cancellationToken).ConfigureAwait(false);
            var result = new AskResult
            {
                Question = request.Question,
                Route = route,
                Source = request.Source.Name,
                Dialect = request.Dialect.ToName(),
                Verdict = AskVerdict.None,
                ConversationId = conversationId,
                TraceId = entry.TraceId,
            };

            if (route != AskRoute.Data)
            {
                var (answer, modelId) = await AnswerAsync(intent, request, context, clock, cancellationToken).ConfigureAwait(false);
                entry = entry with { Verdict = AuditVerdict.Allowed, ModelId = modelId };
                return await FinishAsync(result with { Answer = answer, ModelId = modelId }, entry, clock, "answered").ConfigureAwait(false);
            }

            if (generator is null)
            {
                entry = entry with { ErrorCode = AskErrorCodes.NoGenerator };
                return await FinishAsync(result with
                {
                    Route = AskRoute.NoGenerator,
                    Answer = _guide.NoGenerator(context.Schema),
                    Code = AskErrorCodes.NoGenerator,
                }, entry, clock, "no_generator").ConfigureAwait(false);
            }

            var outcome = await SearchAsync(generator, request, context, history, clock, cancellationToken).ConfigureAwait(false);
            entry = entry with { GeneratedSql = outcome.Candidate?.Sql, ModelId = outcome.ModelId ?? generator.ModelId };
            result = result with { GeneratedSql = outcome.Candidate?.Sql, Candidates = outcome.Tried, ModelId = entry.ModelId, Verdict = outcome.Verdict };
            if (outcome.Verdict != AskVerdict.Allowed)
            {
                return await FinishAsync(Unanswered(result, outcome), outcome.Verdict switch
                {
                    AskVerdict.Rejected => entry with { Verdict = AuditVerdict.Rejected, Rule = outcome.Rule },
                    AskVerdict.Refused => entry with { ErrorCode = AskErrorCodes.Refused },
                    _ => entry with { ErrorCode = AskErrorCodes.Unanswered },
                }, clock, outcome.Verdict.ToName()).ConfigureAwait(false);
            }

            var ran = outcome.Result!;
            var (chart, analysis) = await PresentAsync(request, ran, clock, cancellationToken).ConfigureAwait(false);
            entry = entry with { Verdict = AuditVerdict.Allowed, ExecutedSql = ran.Sql, RowCount = ran.Rows.Count };
            return await FinishAsync(result with
            {
                Sql = ran.Sql,
                Columns = ran.Columns,
                Rows = ran.Rows,
                Truncated = ran.Truncated,
                Chart = chart,
                Analysis = analysis,
            }, entry, clock, "allowed").ConfigureAwait(false);
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } code)
        {
            // Every failure is audited before the caller hears of it.
            var record = await _audit.AppendAsync(entry with { ErrorCode = code, DurationMs = clock.TotalMs }, CancellationToken.None).ConfigureAwait(false);
            _metrics?.RequestCompleted(Operation, "error");
            activity?.SetStatus(ActivityStatusCode.Error, code);
            throw ex switch
            {
                AskException ask => new AskException(ask.Code, ask.Message, ask.InnerException) { AuditId = record.Id },
                GenerationException generation => new AskException(AskErrorCodes.GenerationFailed, generation.Message, generation) { AuditId = record.Id },
                _ => ex,
            };
        }
    }

    private async Task<(string Id, IReadOnlyList<QuestionSqlPair> History)> ConversationAsync(AskRequest request, CancellationToken cancellationToken)
    {
        if (request.ConversationId is not { } id)
        {
            var started = await _conversations.StartAsync(request.Principal, request.Source.Name, cancellationToken).ConfigureAwait(false);
            return (started.Id, []);
        }

        // Another caller's conversation, or one on another source, is reported exactly as an unknown one.
        var conversation = await _conversations.FindAsync(id, request.Principal, cancellationToken).ConfigureAwait(false);
        return conversation is not null && conversation.IsOn(request.Source.Name)
            ? (id, conversation.History)
            : throw new AskException(AskErrorCodes.ConversationNotFound, $"No conversation '{id}' exists for this caller on source '{request.Source.Name}'; it may have expired. Ask without a conversation_id to start one.");
    }

    private ISqlGenerator? Generator(AskRequest request)
    {
        try
        {
            return _generators.Resolve(request.Generator);
        }
        catch (UnknownGeneratorException ex)
        {
            throw new AskException(AskErrorCodes.UnknownGenerator, ex.Message, ex);
        }
    }

    private async Task<QuestionIntent> RouteAsync(AskRequest request, StageClock clock, CancellationToken cancellationToken)
    {
        using var stage = clock.Start("route");
        var intent = _router.Classify(request.Question);
        stage.Activity?.SetTag("gateway.ask.intent", QuestionRouter.ToName(intent));
        await stage.EndAsync(new Dictionary<string, object?>
        {
            ["route"] = QuestionRouter.RouteOf(intent).ToName(),
            ["intent"] = QuestionRouter.ToName(intent),
        }, cancellationToken).ConfigureAwait(false);
        return intent;
    }

    private async Task<AskContext> ContextAsync(AskRequest request, StageClock clock, CancellationToken cancellationToken)
    {
        using var stage = clock.Start("context");
        var context = await _context.GetAsync(new AskContextRequest(request.Source, request.Dialect, request.Question), cancellationToken).ConfigureAwait(false);
        stage.Activity?.SetTag("gateway.ask.tables", context.Tables.Count);
        await stage.EndAsync(new Dictionary<string, object?>
        {
            ["tables"] = context.Tables,
            ["documents"] = context.Documents.Count,
            ["examples"] = context.Examples.Count,
            ["ddl_chars"] = context.Ddl.Length,
        }, cancellationToken).ConfigureAwait(false);
        return context;
    }

    private async Task<(string Answer, string? ModelId)> AnswerAsync(QuestionIntent intent, AskRequest request, AskContext context, StageClock clock, CancellationToken cancellationToken)
    {
        using var stage = clock.Start("answer");
        var (answer, modelId) = await _responder.AnswerAsync(intent, request.Question, context, _generators.Chat, cancellationToken).ConfigureAwait(false);
        await stage.EndAsync(new Dictionary<string, object?> { ["answer"] = answer, ["model_id"] = modelId }, cancellationToken).ConfigureAwait(false);
        return (answer, modelId);
    }

    private Task<SearchOutcome> SearchAsync(
        ISqlGenerator generator, AskRequest request, AskContext context, IReadOnlyList<QuestionSqlPair> history, StageClock clock, CancellationToken cancellationToken)
    {
        var generation = new GenerationRequest
        {
            Question = request.Question,
            Dialect = request.Dialect,
            SchemaDdl = context.Ddl,
            Schema = context.Schema,
            SourceName = request.Source.Name,
            SqliteFile = SqliteSourceFile.PathOf(request.Source),
            Documents = context.Documents,
            Examples = context.Examples,
            History = [.. history.TakeLast(_options.ConversationTurns)],
            Candidates = _options.Candidates,
        };
        return _search.RunAsync(generator, generation, request.Source, clock, cancellationToken);
    }

    private async Task<(ChartSpec Chart, AskAnalysis Analysis)> PresentAsync(AskRequest request, QueryOutcome ran, StageClock clock, CancellationToken cancellationToken)
    {
        using var stage = clock.Start("present");
        var (chart, analysis) = await _present.PresentAsync(request.Question, ran, _generators.Chat, cancellationToken).ConfigureAwait(false);
        stage.Activity?.SetTag("gateway.chart.type", chart.Type.ToName());
        await stage.EndAsync(new Dictionary<string, object?>
        {
            ["chart"] = chart.Type.ToName(),
            ["summary"] = analysis.Summary.Sentences,
            ["written"] = analysis.Written,
        }, cancellationToken).ConfigureAwait(false);
        return (chart, analysis);
    }

    private static AskResult Unanswered(AskResult result, SearchOutcome outcome) => outcome.Verdict switch
    {
        AskVerdict.Refused => result with { Code = AskErrorCodes.Refused, Answer = outcome.Error, Error = outcome.Error },
        _ => result with
        {
            Code = AskErrorCodes.Unanswered,
            Error = outcome.Error,
            Rule = outcome.Rule,
            Answer = $"No query the generator wrote could be run after {outcome.Tried.Count} candidate(s). The last error: {outcome.Error}",
        },
    };

    private async Task<AskResult> FinishAsync(AskResult result, AuditEvent entry, StageClock clock, string verdict)
    {
        var record = await _audit.AppendAsync(entry with { DurationMs = clock.TotalMs }, CancellationToken.None).ConfigureAwait(false);
        // The turn is remembered after the audit record, which it points to; the answer stands even if the client left.
        await _conversations.AppendAsync(result.ConversationId, new ConversationTurn(result.Question, result.GeneratedSql, verdict, _time.GetUtcNow(), record.Id), CancellationToken.None).ConfigureAwait(false);
        _metrics?.RequestCompleted(Operation, verdict);
        return result with { AuditId = record.Id, TimingsMs = clock.Report() };
    }

    /// <summary>The audit error code of a failure; null for the audit store's own failure (it cannot be audited).</summary>
    private static string? Classify(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        AuditWriteException => null,
        AskException ask => ask.Code,
        GenerationException => AskErrorCodes.GenerationFailed,
        ExecutionException execution => $"execution.{execution.ErrorCode.ToName()}",
        OperationCanceledException when cancellationToken.IsCancellationRequested => "request.cancelled",
        _ => "internal",
    };
}
