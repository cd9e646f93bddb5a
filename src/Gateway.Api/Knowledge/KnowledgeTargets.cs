using Gateway.Api.Errors;
using Gateway.Api.Sources;
using Gateway.Audit.Keys;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Knowledge;

/// <summary>The source a knowledge or feedback request names, after the caller's grant: 403 before 404, as elsewhere.</summary>
internal sealed class KnowledgeTargets(SourceCatalog catalog)
{
    public SourceDescriptor Resolve(GatewayPrincipal principal, string name)
    {
        // The grant is checked before existence, so a key cannot probe which source names are configured.
        if (!principal.CanUseSource(name))
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, GatewayErrorCodes.SourceForbidden, $"This key does not grant the source '{name}'.");
        }

        return catalog.TryGet(name, out var source)
            ? source
            : throw new ApiProblemException(StatusCodes.Status404NotFound, GatewayErrorCodes.UnknownSource, $"No source is named '{name}'.");
    }
}
