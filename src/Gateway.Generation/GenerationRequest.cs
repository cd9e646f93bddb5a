using Gateway.Execution.Schema;
using Gateway.Sql.Dialects;

namespace Gateway.Generation;

/// <summary>Everything a generator may use for one question; the ask pipeline fills it from the context stage.</summary>
public sealed record GenerationRequest
{
    /// <summary>Required. The question as the user asked it.</summary>
    public required string Question { get; init; }

    /// <summary>Required. The dialect the SQL must be written in.</summary>
    public required SqlDialectKind Dialect { get; init; }

    /// <summary>Required. The tables the model may use, as <c>CREATE TABLE</c> text in the source's dialect.</summary>
    public required string SchemaDdl { get; init; }

    /// <summary>The introspected schema behind <see cref="SchemaDdl"/>, for generators that read structure (the pointer model).</summary>
    public SchemaModel? Schema { get; init; }

    /// <summary>The source's database file when it is SQLite, for generators that read cell values from it (the pointer model).</summary>
    public string? SqliteFile { get; init; }

    /// <summary>The source's name, which selects a per-source adapter where the back end has one.</summary>
    public string? SourceName { get; init; }

    /// <summary>Documentation snippets retrieved for the question, most relevant first.</summary>
    public IReadOnlyList<string> Documents { get; init; } = [];

    /// <summary>Known question-SQL pairs close to the question, most relevant first.</summary>
    public IReadOnlyList<QuestionSqlPair> Examples { get; init; } = [];

    /// <summary>Earlier questions of the conversation and the SQL that answered them, oldest first.</summary>
    public IReadOnlyList<QuestionSqlPair> History { get; init; } = [];

    /// <summary>What earlier intermediate queries found: the query and the distinct values it returned.</summary>
    public IReadOnlyList<IntermediateFinding> Findings { get; init; } = [];

    /// <summary>The last candidate that was rejected or failed, with the reason: set when asking for a repair.</summary>
    public FailedAttempt? PreviousAttempt { get; init; }

    /// <summary>Candidates wanted; back ends that cannot give several give one. Default 1.</summary>
    public int Candidates { get; init; } = 1;
}

/// <summary>A question and the SQL that answers it.</summary>
public sealed record QuestionSqlPair(string Question, string Sql);

/// <summary>An intermediate query the pipeline ran for the model, and the values it returned (as text).</summary>
public sealed record IntermediateFinding(string Sql, IReadOnlyList<string> Values);

/// <summary>SQL that did not work and why: the validator's reason or the engine's error.</summary>
public sealed record FailedAttempt(string Sql, string Error);
