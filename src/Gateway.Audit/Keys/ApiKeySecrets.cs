using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Audit.Keys;

/// <summary>Key and id generation, and the one-way hash under which keys are stored.</summary>
internal static class ApiKeySecrets
{
    public const string Prefix = "gw_";

    /// <summary>256 bits: unguessable, so an unsalted fast hash is enough to store it.</summary>
    private const int SecretBytes = 32;

    public static string NewSecret() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string NewId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Cheap shape check so garbage never reaches the store.</summary>
    public static bool LooksLikeKey(string? candidate) =>
        candidate is { Length: > 3 and < 256 } && candidate.StartsWith(Prefix, StringComparison.Ordinal);
}
