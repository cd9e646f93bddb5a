using Gateway.Audit.Telemetry;
using Gateway.Context.Embeddings;
using Gateway.Context.Linking;
using Gateway.Context.Retrieval;
using Gateway.Execution.Schema;
using Gateway.Execution.Sources;

namespace Gateway.Context;

/// <summary>
/// The context stage's entry point: links the schema and retrieves knowledge for one question, embedding the
/// question once for both.
/// </summary>
public sealed class ContextRetriever(SchemaLinker linker, KnowledgeRetriever knowledge, TimeProvider? time = null, ITextEmbedder? embedder = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<RetrievedContext> RetrieveAsync(SourceDescriptor source, SchemaModel schema, string question, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        return await RetrieveAsync(source.Name, source.Provider, schema, question, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>For callers that know the source by name and engine only.</summary>
    public async Task<RetrievedContext> RetrieveAsync(string sourceName, SourceProvider provider, SchemaModel schema, string question, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        var started = _time.GetTimestamp();
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.context");
        activity?.SetTag("gateway.source", sourceName);

        float[]? vector = null;
        if (embedder is not null)
        {
            vector = (await embedder.EmbedAsync([question], cancellationToken).ConfigureAwait(false))[0];
        }

        var linked = await linker.LinkAsync(schema, provider, question, vector, cancellationToken).ConfigureAwait(false);
        var matches = await knowledge.SearchAsync(sourceName, question, vector, cancellationToken).ConfigureAwait(false);
        activity?.SetTag("gateway.context.tables", linked.Tables.Count);
        activity?.SetTag("gateway.context.documents", matches.Documents.Count);
        activity?.SetTag("gateway.context.examples", matches.Examples.Count);
        return new RetrievedContext
        {
            Source = sourceName,
            Question = question,
            Schema = linked,
            Documents = matches.Documents,
            Examples = matches.Examples,
            EmbeddingModel = embedder?.ModelId,
            Elapsed = _time.GetElapsedTime(started),
        };
    }
}
