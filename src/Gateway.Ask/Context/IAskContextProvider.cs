using Gateway.Execution.Schema;
using Gateway.Execution.Sources;
using Gateway.Generation;
using Gateway.Sql.Dialects;

namespace Gateway.Ask.Context;

/// <summary>
/// The context stage: what the generator is shown for a question. The default (<see cref="SchemaDdlContextProvider"/>)
/// gives the whole introspected schema as DDL; a schema-linking and retrieval implementation (Gateway.Context) narrows
/// the tables and adds documentation and known question-SQL pairs.
/// </summary>
public interface IAskContextProvider
{
    Task<AskContext> GetAsync(AskContextRequest request, CancellationToken cancellationToken = default);
}

/// <summary>The question and the (already opened and granted) source it is about.</summary>
public sealed record AskContextRequest(SourceDescriptor Source, SqlDialectKind Dialect, string Question);

/// <summary>
/// What the generator sees: the schema (whole, for structure answers), the DDL of the tables chosen for the
/// question, documentation snippets and example pairs.
/// </summary>
public sealed record AskContext(SchemaModel Schema, string Ddl, string DialectName)
{
    public IReadOnlyList<string> Documents { get; init; } = [];

    public IReadOnlyList<QuestionSqlPair> Examples { get; init; } = [];

    /// <summary>The tables whose DDL is in <see cref="Ddl"/>, for the trace and the stream.</summary>
    public IReadOnlyList<string> Tables { get; init; } = [];
}
