using Gateway.Execution.Results;
using Gateway.Presentation.Charts;
using Gateway.Presentation.Summary;

namespace Gateway.Ask;

/// <summary>Which way a question went.</summary>
public enum AskRoute
{
    /// <summary>A question the data answers: SQL was generated, checked and run.</summary>
    Data,

    /// <summary>A question about the data's structure (tables, columns), answered from the schema.</summary>
    Structure,

    /// <summary>General conversation (greetings, who are you, what can I ask), answered as a data analyst and guide.</summary>
    Conversation,

    /// <summary>A data question with no SQL generator configured: guidance from the schema instead of guessed SQL.</summary>
    NoGenerator,
}

public static class AskRoutes
{
    public static string ToName(this AskRoute route) => route switch
    {
        AskRoute.Data => "data",
        AskRoute.Structure => "structure",
        AskRoute.Conversation => "conversation",
        AskRoute.NoGenerator => "no_generator",
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };
}

/// <summary>
/// How a data question ended: <c>allowed</c> (a query ran), <c>rejected</c> (the last candidate was refused by
/// policy), <c>error</c> (it failed on the source), <c>refused</c> (the model said why it cannot answer); <c>none</c>
/// for routes that involve no SQL.
/// </summary>
public enum AskVerdict
{
    None,
    Allowed,
    Rejected,
    Error,
    Refused,
}

public static class AskVerdicts
{
    public static string ToName(this AskVerdict verdict) => verdict switch
    {
        AskVerdict.None => "none",
        AskVerdict.Allowed => "allowed",
        AskVerdict.Rejected => "rejected",
        AskVerdict.Error => "error",
        AskVerdict.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };
}

/// <summary>One candidate the pipeline tried and what became of it.</summary>
public sealed record TriedCandidate(string Kind, string? Sql, string Outcome, string? Error);

/// <summary>The analysis of a result: statistics computed in code always, prose from the chat model when one is configured.</summary>
public sealed record AskAnalysis(ResultSummary Summary, string? Written, string? WrittenBy);

/// <summary>Everything an ask returns; <see cref="AskResultJson"/> writes it.</summary>
public sealed record AskResult
{
    public required string Question { get; init; }
    public required AskRoute Route { get; init; }
    public required string Source { get; init; }
    public required string Dialect { get; init; }
    public required AskVerdict Verdict { get; init; }

    /// <summary>The SQL that ran (the validator's text, row cap written in); null when none ran.</summary>
    public string? Sql { get; init; }

    /// <summary>The SQL the model wrote for the answer (or the last candidate tried).</summary>
    public string? GeneratedSql { get; init; }

    public IReadOnlyList<ResultColumn> Columns { get; init; } = [];
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; init; } = [];
    public long RowCount => Rows.Count;
    public bool Truncated { get; init; }
    public ChartSpec? Chart { get; init; }
    public AskAnalysis? Analysis { get; init; }

    /// <summary>Prose for the routes without rows: the conversational or structural answer, the refusal's reason, the guidance.</summary>
    public string? Answer { get; init; }

    /// <summary>Why no rows came back (<see cref="AskErrorCodes"/>); null when a query ran or the route needs none.</summary>
    public string? Code { get; init; }

    /// <summary>The last error met (the validator's reason or the engine's message); null when none.</summary>
    public string? Error { get; init; }

    /// <summary>The policy rule of the last rejection; null otherwise.</summary>
    public string? Rule { get; init; }

    public IReadOnlyList<TriedCandidate> Candidates { get; init; } = [];
    public int CandidatesTried => Candidates.Count;
    public string? ModelId { get; init; }

    /// <summary>Milliseconds per stage in the order they ran, and <c>total</c>.</summary>
    public IReadOnlyDictionary<string, double> TimingsMs { get; init; } = new Dictionary<string, double>();

    public long AuditId { get; init; }
    public required string ConversationId { get; init; }
    public string? TraceId { get; init; }
}
