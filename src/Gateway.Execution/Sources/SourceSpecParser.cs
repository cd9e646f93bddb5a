using Gateway.Execution.Providers;

namespace Gateway.Execution.Sources;

/// <summary>
/// Parses <c>NAME=PROVIDER:CONNECTION_STRING</c> (e.g. <c>shop=postgres:Host=db;Database=shop</c>). The connection
/// string goes through the provider's builder here, so a malformed one fails early with a message that names the
/// source but never echoes the string (it may hold a password).
/// </summary>
public static class SourceSpecParser
{
    public static SourceDescriptor Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        var colonFirst = spec.IndexOf(':', StringComparison.Ordinal);
        if (equals <= 0 || (colonFirst >= 0 && colonFirst < equals))
        {
            throw new SourceSpecException("A source is NAME=PROVIDER:CONNECTION_STRING, e.g. shop=postgres:Host=localhost;Database=shop; the NAME= part is missing.");
        }

        var name = spec[..equals].Trim();
        if (!IsValidName(name))
        {
            throw new SourceSpecException($"Source name '{name}' is not valid: use letters, digits, '_' or '-', starting with a letter.");
        }

        var rest = spec[(equals + 1)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new SourceSpecException($"Source '{name}' has no provider: write {name}=PROVIDER:CONNECTION_STRING with PROVIDER one of {string.Join(", ", SourceProviderNames.Canonical)}.");
        }

        var providerName = rest[..colon];
        if (!SourceProviderNames.TryParse(providerName, out var provider))
        {
            throw new SourceSpecException($"Source '{name}' names an unknown provider '{providerName.Trim()}'; use one of {string.Join(", ", SourceProviderNames.Canonical)}.");
        }

        var connectionString = rest[(colon + 1)..].Trim();
        if (connectionString.Length == 0)
        {
            throw new SourceSpecException($"Source '{name}' has an empty connection string.");
        }

        var connector = SourceConnectors.For(provider.Value);
        var descriptor = new SourceDescriptor { Name = name, Provider = provider.Value, ConnectionString = connector.NormalizeConnectionString(connectionString) };
        connector.CheckConnectionString(descriptor);
        return descriptor;
    }

    internal static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64
        && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
