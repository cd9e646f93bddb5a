using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Gateway.Configuration;

/// <summary>Reads the configuration file named by <c>--config</c> / <c>GATEWAY_CONFIG</c> (JSON or YAML, by extension).</summary>
internal static class GatewayConfigurationLoader
{
    public static async Task<IConfigurationRoot> LoadAsync(string? path, CancellationToken cancellationToken = default)
    {
        var builder = new ConfigurationBuilder();
        if (path is null)
        {
            return builder.Build();
        }

        if (!File.Exists(path))
        {
            throw new ConfigurationFileException($"configuration file not found: {path}");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        var extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension is ".YAML" or ".YML")
        {
            using var reader = new StringReader(text);
            builder.AddInMemoryCollection(YamlConfigurationReader.Read(reader, path));
        }
        else if (extension == ".JSON")
        {
            // Parse first so a malformed file is reported with its line, not as a binder failure later.
            try
            {
                using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                throw new ConfigurationFileException($"{path}: invalid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}", ex);
            }

            builder.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));
        }
        else
        {
            throw new ConfigurationFileException($"{path}: configuration files must end in .json, .yaml or .yml.");
        }

        return builder.Build();
    }

    public static GatewayOptions Bind(IConfiguration configuration)
    {
        try
        {
            return configuration.Get<GatewayOptions>(options => options.ErrorOnUnknownConfiguration = true) ?? new GatewayOptions();
        }
        catch (InvalidOperationException ex)
        {
            // Inside a dictionary (models, upstreams) the binder's own message is generic; the inner one names the key.
            var innermost = ex;
            while (innermost.InnerException is InvalidOperationException inner)
            {
                innermost = inner;
            }

            throw new ConfigurationFileException($"configuration: {innermost.Message}", ex);
        }
    }
}
