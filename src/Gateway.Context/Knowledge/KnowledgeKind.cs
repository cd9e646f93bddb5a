namespace Gateway.Context.Knowledge;

/// <summary>What a knowledge item holds.</summary>
public enum KnowledgeKind
{
    /// <summary>A documentation snippet: business terms, how a figure is computed.</summary>
    Documentation,

    /// <summary>A note about the schema (what a column really means, a join to prefer), read with the DDL.</summary>
    DdlNote,

    /// <summary>A question with the SQL that answers it, used as an example.</summary>
    QuestionSql,
}

/// <summary>The names the store, the API and the command line use: <c>doc</c>, <c>ddl</c>, <c>pair</c>.</summary>
public static class KnowledgeKindNames
{
    public static string ToName(this KnowledgeKind kind) => kind switch
    {
        KnowledgeKind.Documentation => "doc",
        KnowledgeKind.DdlNote => "ddl",
        KnowledgeKind.QuestionSql => "pair",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string? name, out KnowledgeKind kind)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "DOC" or "DOCUMENTATION":
                kind = KnowledgeKind.Documentation;
                return true;
            case "DDL" or "DDL_NOTE":
                kind = KnowledgeKind.DdlNote;
                return true;
            case "PAIR" or "QUESTION_SQL":
                kind = KnowledgeKind.QuestionSql;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
