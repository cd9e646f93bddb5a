namespace Gateway.Context.Knowledge;

/// <summary>An item the knowledge store refuses. <see cref="Code"/> is stable; clients match on it.</summary>
public class KnowledgeException : Exception
{
    public const string InvalidCode = "knowledge.invalid";

    public KnowledgeException() : this("the knowledge item is invalid") { }

    public KnowledgeException(string message) : this(InvalidCode, message) { }

    public KnowledgeException(string message, Exception inner) : base(message, inner) => Code = InvalidCode;

    public KnowledgeException(string code, string message) : base(message) => Code = code;

    public string Code { get; }
}

/// <summary>A question-SQL pair whose SQL the validator rejected; <see cref="Rule"/> names the rule.</summary>
public sealed class KnowledgeSqlRejectedException : KnowledgeException
{
    public const string RejectedCode = "sql.rejected";

    public KnowledgeSqlRejectedException() : this("unknown", "the SQL was rejected", null, null) { }

    public KnowledgeSqlRejectedException(string message) : this("unknown", message, null, null) { }

    public KnowledgeSqlRejectedException(string message, Exception inner) : base(message, inner) => Rule = "unknown";

    public KnowledgeSqlRejectedException(string rule, string message, int? position, string? fragment)
        : base(RejectedCode, $"The pair's SQL was rejected by rule {rule}: {message}")
    {
        Rule = rule;
        Reason = message;
        Position = position;
        Fragment = fragment;
    }

    public string Rule { get; }

    /// <summary>The validator's plain-English reason.</summary>
    public string? Reason { get; }

    public int? Position { get; }

    public string? Fragment { get; }
}
