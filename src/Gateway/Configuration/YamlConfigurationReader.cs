using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gateway.Configuration;

/// <summary>
/// Flattens a YAML document into configuration keys (<c>a:b:0</c>), the shape Microsoft.Extensions.Configuration
/// binds from, so YAML and JSON configuration files bind identically.
/// </summary>
internal static class YamlConfigurationReader
{
    public static Dictionary<string, string?> Read(TextReader reader, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new ConfigurationFileException($"{fileName}: invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}", ex);
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (stream.Documents.Count == 0)
        {
            return values;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigurationFileException($"{fileName}: the top level must be a mapping of keys to values.");
        }

        Flatten(root, prefix: null, values);
        return values;
    }

    private static void Flatten(YamlNode node, string? prefix, Dictionary<string, string?> values)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, child) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? string.Empty;
                    Flatten(child, prefix is null ? name : $"{prefix}:{name}", values);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Flatten(sequence.Children[i], $"{prefix}:{i}", values);
                }

                break;
            case YamlScalarNode scalar:
                values[prefix ?? string.Empty] = scalar.Value;
                break;
        }
    }
}
