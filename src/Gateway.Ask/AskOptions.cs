namespace Gateway.Ask;

/// <summary>How the ask pipeline searches for an answer; bound from the configuration file's <c>ask</c> section.</summary>
public sealed record AskOptions
{
    /// <summary>Times a rejected or failing candidate goes back to the generator with its error. Default 2.</summary>
    public int MaxRepairs { get; init; } = 2;

    /// <summary>Intermediate queries (distinct values of a column) run for one question before the model must answer. Default 2.</summary>
    public int MaxIntermediateRounds { get; init; } = 2;

    /// <summary>Candidates asked of the generator per attempt, where the back end can give several. Default 1.</summary>
    public int Candidates { get; init; } = 1;

    /// <summary>Values an intermediate query may return to the model. Default 50.</summary>
    public int MaxIntermediateValues { get; init; } = 50;

    /// <summary>Wall-clock limit of one query on the source. Default 30 s.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a conversation is kept after its last question (stored conversations outlive restarts). Default one day.</summary>
    public TimeSpan ConversationLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Earlier answered turns of a conversation passed to the generator. Default 5.</summary>
    public int ConversationTurns { get; init; } = 5;

    /// <summary>Turns a conversation keeps; older ones are dropped as new ones come. Default 50.</summary>
    public int ConversationStoredTurns { get; init; } = 50;

    /// <summary>Rows of the result a chat model sees when it writes the analysis. Default 50.</summary>
    public int AnalysisRows { get; init; } = 50;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first value out of range.</summary>
    public AskOptions Validated()
    {
        if (MaxRepairs < 0 || MaxIntermediateRounds < 0 || Candidates < 1 || MaxIntermediateValues < 1 || ConversationTurns < 0 || AnalysisRows < 1 || ConversationStoredTurns < 1)
        {
            throw new ArgumentException("ask: maxRepairs, maxIntermediateRounds and conversationTurns must be ≥ 0; candidates, maxIntermediateValues, analysisRows and conversationStoredTurns ≥ 1.");
        }

        if (QueryTimeout <= TimeSpan.Zero || ConversationLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("ask: the query timeout and conversation lifetime must be positive.");
        }

        return this;
    }
}
