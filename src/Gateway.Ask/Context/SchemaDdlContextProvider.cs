using Gateway.Execution.Schema;
using Gateway.Generation.Prompting;

namespace Gateway.Ask.Context;

/// <summary>
/// The default context: the source's introspected schema (through the shared <see cref="SchemaCache"/>) written as
/// <c>CREATE TABLE</c> statements in the source's own dialect, every table included.
/// </summary>
public sealed class SchemaDdlContextProvider(SchemaCache schemas) : IAskContextProvider
{
    public async Task<AskContext> GetAsync(AskContextRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var schema = await schemas.GetAsync(request.Source, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new AskContext(schema, SchemaDdlWriter.Write(schema, request.Source.Provider), TextToSqlPrompt.DialectName(request.Dialect))
        {
            Tables = [.. schema.Tables.Select(t => t.QualifiedName)],
        };
    }
}
