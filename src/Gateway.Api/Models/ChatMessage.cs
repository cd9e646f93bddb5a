namespace Gateway.Api.Models;

/// <summary>One turn of a conversation as the prompt formats see it: a role and its text.</summary>
internal sealed record ChatMessage(string Role, string Content)
{
    public const string System = "system";
    public const string User = "user";
    public const string Assistant = "assistant";
}
