using Gateway.Generation;

namespace Gateway.Ask.Conversations;

/// <summary>
/// Earlier questions and the SQL that answered them, per conversation, so a follow-up ("and by region?") refines the
/// last query. A conversation belongs to one principal on one source: anyone else asking with its id is told it does
/// not exist.
/// </summary>
public interface IConversationStore
{
    /// <summary>Starts a conversation and returns its new id.</summary>
    string Start(string principal, string source);

    /// <summary>The turns of a conversation, oldest first, or null when it is unknown, expired or not the caller's.</summary>
    IReadOnlyList<QuestionSqlPair>? Find(string id, string principal, string source);

    /// <summary>Adds an answered question to a conversation (ignored when it has expired meanwhile).</summary>
    void Append(string id, string principal, string source, QuestionSqlPair turn);
}
