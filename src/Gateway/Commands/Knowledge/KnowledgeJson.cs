using System.Text.Json;
using Gateway.Context.Knowledge;

namespace Gateway.Commands.Knowledge;

/// <summary>Items as the command line prints them with <c>--json</c>: the same fields as the REST API, never the vector.</summary>
internal static class KnowledgeJson
{
    public static string Serialize(IEnumerable<KnowledgeItem> items) => JsonSerializer.Serialize(items.Select(i =>
    {
        var row = new Dictionary<string, object?> { ["id"] = i.Id, ["source"] = i.Source, ["kind"] = i.Kind.ToName() };
        if (i.Content is not null)
        {
            row["text"] = i.Content;
        }

        if (i.Question is not null)
        {
            row["question"] = i.Question;
            row["sql"] = i.Sql;
        }

        row["author"] = i.Author;
        row["created"] = i.Created.UtcDateTime;
        if (i.AuditId is not null)
        {
            row["audit_id"] = i.AuditId;
        }

        return row;
    }));
}
