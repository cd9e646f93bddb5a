using Gateway.Api.Errors;
using Gateway.Api.Sources;
using Gateway.Audit.Keys;
using Gateway.Sql.Dialects;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Validation;

/// <summary>
/// Turns a request's <c>dialect</c> or <c>source</c> into the dialect to judge by, enforcing the caller's source
/// grant; shared by validation and execution so both refuse the same things with the same codes.
/// </summary>
internal sealed class SqlTargetResolver(SourceCatalog sources)
{
    public (SqlDialectKind Dialect, SourceDescriptor? Source) Resolve(GatewayPrincipal principal, string? sql, string? dialectName, string? sourceName)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, "The request needs a non-empty \"sql\".");
        }

        if ((dialectName is null) == (sourceName is null))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.InvalidRequest, "Give exactly one of \"dialect\" or \"source\".");
        }

        if (dialectName is not null)
        {
            return SqlDialectNames.TryParse(dialectName, out var dialect)
                ? (dialect.Value, null)
                : throw new ApiProblemException(StatusCodes.Status400BadRequest, GatewayErrorCodes.UnknownDialect,
                    $"Unknown dialect '{dialectName}'; use one of {string.Join(", ", SqlDialectNames.Canonical)}.");
        }

        // The grant is checked before existence, so a key cannot probe which source names are configured.
        if (!principal.CanUseSource(sourceName!))
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, GatewayErrorCodes.SourceForbidden,
                $"This key does not grant the source '{sourceName}'.");
        }

        return sources.TryGet(sourceName!, out var source)
            ? (source.Dialect, source)
            : throw new ApiProblemException(StatusCodes.Status404NotFound, GatewayErrorCodes.UnknownSource, $"No source is named '{sourceName}'.");
    }
}
