namespace Gateway.Generation;

/// <summary>What a model's reply amounts to.</summary>
public enum CandidateKind
{
    /// <summary>A query meant to answer the question.</summary>
    Sql,

    /// <summary>A query for the distinct values of a column the model needs to see before it can answer (<c>-- intermediate_sql</c>).</summary>
    IntermediateSql,

    /// <summary>No query: the model said why the context does not suffice.</summary>
    Refusal,
}

/// <summary>
/// One proposal of a generator. <see cref="Sql"/> is set for <see cref="CandidateKind.Sql"/> and
/// <see cref="CandidateKind.IntermediateSql"/>; <see cref="Reason"/> for a refusal. <see cref="Reply"/> keeps the
/// model's raw text for tracing.
/// </summary>
public sealed record SqlCandidate(CandidateKind Kind, string? Sql, string? Reason, string ModelId, string Reply)
{
    public static SqlCandidate Answer(string sql, string modelId, string reply) => new(CandidateKind.Sql, sql, null, modelId, reply);

    public static SqlCandidate Intermediate(string sql, string modelId, string reply) => new(CandidateKind.IntermediateSql, sql, null, modelId, reply);

    public static SqlCandidate Refused(string reason, string modelId, string reply) => new(CandidateKind.Refusal, null, reason, modelId, reply);
}

/// <summary>The wire names of <see cref="CandidateKind"/>.</summary>
public static class CandidateKinds
{
    public static string ToName(this CandidateKind kind) => kind switch
    {
        CandidateKind.Sql => "sql",
        CandidateKind.IntermediateSql => "intermediate_sql",
        CandidateKind.Refusal => "refusal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
