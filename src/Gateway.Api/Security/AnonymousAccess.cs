using System.Net;

namespace Gateway.Api.Security;

/// <summary>
/// Whether keyless requests may act as <c>local</c>. Decided once the server has bound, from the addresses it
/// actually listens on: a wildcard or non-loopback address turns anonymous access off. Until then it is off, so
/// nothing is served anonymously by mistake.
/// </summary>
internal sealed class AnonymousAccess(AnonymousMode mode)
{
    private volatile bool _allowed;

    public bool Allowed => _allowed;

    public void OnListening(IEnumerable<string> addresses) =>
        _allowed = mode == AnonymousMode.Auto && addresses.All(IsLoopback);

    /// <summary>True only for literal loopback IPs and <c>localhost</c>; <c>*</c>, <c>+</c> and 0.0.0.0 are not.</summary>
    internal static bool IsLoopback(string address)
    {
        if (!Uri.TryCreate(address.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal)
                                  .Replace("://+", "://wildcard.invalid", StringComparison.Ordinal), UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
