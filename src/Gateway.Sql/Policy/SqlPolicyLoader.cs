namespace Gateway.Sql.Policy;

/// <summary>
/// Loads policies: the built-in default, or a user's YAML/JSON file layered over it. Nothing is cached; callers
/// hold the returned policy (it is immutable).
/// </summary>
public static class SqlPolicyLoader
{
    /// <summary>The built-in default policy with the four dialects' deny lists.</summary>
    public static SqlPolicy LoadDefault() => BuiltInPolicies.Compose().Build();

    /// <summary>
    /// Reads a policy file (<c>.yaml</c>/<c>.yml</c> or <c>.json</c>) and layers it over the built-in default.
    /// Throws <see cref="PolicyException"/> naming the file for anything missing, unreadable or malformed.
    /// </summary>
    public static async Task<SqlPolicy> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var source = $"policy file '{path}'";
        var extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension is not (".YAML" or ".YML" or ".JSON"))
        {
            throw new PolicyException($"{source}: unknown extension '{Path.GetExtension(path)}'; use .yaml, .yml or .json.");
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PolicyException($"{source}: the file does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new PolicyException($"{source}: cannot be read: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PolicyException($"{source}: the file is empty.");
        }

        var document = extension == ".JSON"
            ? PolicyDocumentReader.ReadJson<PolicyDocument>(text, source)
            : PolicyDocumentReader.ReadYaml<PolicyDocument>(text, source);
        return BuiltInPolicies.Compose().AddPolicy(document, source).Build();
    }
}
