using System.Data.Common;
using Gateway.Context.Embeddings;

namespace Gateway.Context.Knowledge;

/// <summary>The column list both stores share, and reading one row of it back into a <see cref="KnowledgeItem"/>.</summary>
internal static class KnowledgeRows
{
    public const string Columns = "id, source, kind, content, question, sql, author, created, audit_id, embedding_model, embedding";

    public static KnowledgeItem Read(DbDataReader reader)
    {
        var kindName = reader.GetString(2);
        if (!KnowledgeKindNames.TryParse(kindName, out var kind))
        {
            throw new FormatException($"knowledge item {reader.GetString(0)} has an unknown kind '{kindName}'");
        }

        return new KnowledgeItem
        {
            Id = reader.GetString(0),
            Source = reader.GetString(1),
            Kind = kind,
            Content = reader.IsDBNull(3) ? null : reader.GetString(3),
            Question = reader.IsDBNull(4) ? null : reader.GetString(4),
            Sql = reader.IsDBNull(5) ? null : reader.GetString(5),
            Author = reader.GetString(6),
            Created = reader.GetFieldValue<DateTimeOffset>(7).ToUniversalTime(),
            AuditId = reader.IsDBNull(8) ? null : reader.GetInt64(8),
            EmbeddingModel = reader.IsDBNull(9) ? null : reader.GetString(9),
            Embedding = reader.IsDBNull(10) ? null : Vectors.FromBytes(reader.GetFieldValue<byte[]>(10)),
        };
    }

    /// <summary>Adds the eleven values of <see cref="Columns"/> as parameters <c>p0</c>..<c>p10</c>.</summary>
    public static void Bind(DbCommand command, KnowledgeItem item, Func<DbCommand, string, object?, DbParameter> parameter)
    {
        object?[] values =
        [
            item.Id, item.Source, item.Kind.ToName(), item.Content, item.Question, item.Sql, item.Author,
            item.Created.ToUniversalTime(), item.AuditId, item.EmbeddingModel, item.Embedding is null ? null : Vectors.ToBytes(item.Embedding),
        ];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.Add(parameter(command, $"p{i}", values[i] ?? DBNull.Value));
        }
    }
}
