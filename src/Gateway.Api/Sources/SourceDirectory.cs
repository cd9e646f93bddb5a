using Gateway.Api.Auditing;
using Gateway.Api.Errors;
using Gateway.Audit.Keys;
using Gateway.Execution;
using Gateway.Execution.Schema;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Sources;

/// <summary>
/// What a caller may learn about sources: the ones its key grants, whether each answers, and a granted source's
/// introspected schema (cached). Shared by <c>/v1/sources</c> and the MCP <c>list_sources</c> and
/// <c>describe_source</c> tools, so both refuse the same things with the same codes.
/// Both are audited, one record per call, refusals too: listing probes every granted source, and a schema read hands
/// out sample values (row data).
/// </summary>
internal sealed class SourceDirectory(SourceCatalog catalog, SourceProbe probe, SourceOpener opener, SchemaCache schemas, AuditedReads audited)
{
    public Task<IReadOnlyList<SourceInfo>> ListAsync(GatewayPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return audited.RunAsync<IReadOnlyList<SourceInfo>>(principal, AuditedReads.AllSources,
            async () => await probe.CheckAllAsync(catalog.All.Where(s => principal.CanUseSource(s.Name)), cancellationToken).ConfigureAwait(false),
            sources => sources.Count);
    }

    public Task<(SourceDescriptor Source, SchemaModel Schema)> DescribeAsync(GatewayPrincipal principal, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return audited.RunAsync(principal, name, () => ReadAsync(principal, name, cancellationToken));
    }

    private async Task<(SourceDescriptor Source, SchemaModel Schema)> ReadAsync(GatewayPrincipal principal, string name, CancellationToken cancellationToken)
    {
        // The grant is checked before existence, so a key cannot probe which source names are configured.
        if (!principal.CanUseSource(name))
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, GatewayErrorCodes.SourceForbidden, $"This key does not grant the source '{name}'.");
        }

        if (!catalog.TryGet(name, out var source))
        {
            throw new ApiProblemException(StatusCodes.Status404NotFound, GatewayErrorCodes.UnknownSource, $"No source is named '{name}'.");
        }

        try
        {
            var opened = await opener.OpenAsync(source, cancellationToken).ConfigureAwait(false);
            return (source, await schemas.GetAsync(opened, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (ExecutionException ex)
        {
            throw ExecutionProblems.From(ex);
        }
    }

    /// <summary>CREATE TABLE text in the source's own dialect.</summary>
    public static string Ddl(SourceDescriptor source, SchemaModel schema) => SchemaDdlWriter.Write(schema, source.Connection!.Provider);
}
