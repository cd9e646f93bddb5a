using Gateway.Context;
using Gateway.Execution.Schema;
using Gateway.Generation;
using Gateway.Generation.Prompting;

namespace Gateway.Ask.Context;

/// <summary>
/// The context stage over Gateway.Context: schema linking picks the tables that matter (so large schemas fit) and the
/// knowledge store adds the closest documentation and question-SQL pairs for the source. The whole introspected
/// schema is kept beside the linked DDL, for structure answers and guidance.
/// </summary>
public sealed class LinkedContextProvider(SchemaCache schemas, ContextRetriever retriever) : IAskContextProvider
{
    public async Task<AskContext> GetAsync(AskContextRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var schema = await schemas.GetAsync(request.Source, cancellationToken: cancellationToken).ConfigureAwait(false);
        var retrieved = await retriever.RetrieveAsync(request.Source, schema, request.Question, cancellationToken).ConfigureAwait(false);
        return new AskContext(schema, retrieved.Ddl, TextToSqlPrompt.DialectName(request.Dialect))
        {
            Tables = [.. retrieved.Schema.Tables.Select(t => t.Name)],
            Documents = [.. retrieved.Documents.Select(d => d.Item.Content).OfType<string>()],
            Examples = [.. retrieved.Examples
                .Where(e => e.Item.Question is not null && e.Item.Sql is not null)
                .Select(e => new QuestionSqlPair(e.Item.Question!, e.Item.Sql!))],
        };
    }
}
