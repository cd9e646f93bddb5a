using Gateway.Generation;

namespace Gateway.Ask.Conversations;

/// <summary>A conversation: who owns it, on which source, and its turns, oldest first.</summary>
public sealed record Conversation(string Id, string Principal, string Source, DateTimeOffset Started, DateTimeOffset LastUsed, IReadOnlyList<ConversationTurn> Turns)
{
    /// <summary>The turns a generator can build on: answered questions with the SQL that answered them, oldest first.</summary>
    public IReadOnlyList<QuestionSqlPair> History =>
        [.. Turns.Where(t => t.Verdict == AskVerdict.Allowed.ToName() && t.Sql is not null).Select(t => new QuestionSqlPair(t.Question, t.Sql!))];

    /// <summary>Whether asking on <paramref name="source"/> may continue it (source names compare as the catalog does).</summary>
    public bool IsOn(string source) => string.Equals(Source, source, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// One question of a conversation: the SQL the generator wrote for it (null when none), the ask's verdict
/// (<c>allowed</c>, <c>rejected</c>, <c>refused</c>, <c>error</c>; <c>answered</c> for prose, <c>no_generator</c>), when,
/// and its audit record.
/// </summary>
public sealed record ConversationTurn(string Question, string? Sql, string Verdict, DateTimeOffset Time, long? AuditId);
