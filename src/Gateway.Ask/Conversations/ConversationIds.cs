using System.Security.Cryptography;

namespace Gateway.Ask.Conversations;

/// <summary>New conversation ids: 128 random bits as 32 hex digits, so knowing one id tells nothing of another.</summary>
internal static class ConversationIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
