using Gateway.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Api.Models;

/// <summary>The names <c>/v1/models</c> lists: local models (owned by <c>gateway</c>) and each upstream's models.</summary>
internal sealed class ModelDirectory(GatewayApiOptions options, TimeProvider time)
{
    private readonly long _created = time.GetUtcNow().ToUnixTimeSeconds();

    public ModelList List() => new([.. Entries().OrderBy(e => e.Id, StringComparer.Ordinal)]);

    public ModelEntry Find(string id) => Entries().FirstOrDefault(e => e.Id == id)
        ?? throw new ApiProblemException(StatusCodes.Status404NotFound, GatewayErrorCodes.ModelNotFound,
            $"The model '{id}' does not exist; GET /v1/models lists the models this gateway serves.",
            new Dictionary<string, object?> { [OpenAiErrors.ParamExtension] = "model" });

    private IEnumerable<ModelEntry> Entries() =>
        options.Models.Keys.Select(name => new ModelEntry(name, _created, "gateway"))
            .Concat(options.Upstreams.SelectMany(u => u.Value.ModelNames(u.Key).Select(name => new ModelEntry(name, _created, $"upstream:{u.Key}"))));
}
