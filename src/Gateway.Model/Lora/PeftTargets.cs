using System.Text.RegularExpressions;

namespace Gateway.Model.Lora;

/// <summary>
/// <c>target_modules</c> of a PEFT config as PEFT applies it: a list of names, each matching a module whose path
/// equals it or ends with "." + it; or one regular expression the whole module path must match.
/// </summary>
public sealed record PeftTargets(IReadOnlyList<string> Names, string? Pattern)
{
    public bool Matches(string modulePath) =>
        Pattern is not null
            ? Regex.IsMatch(modulePath, $"^(?:{Pattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            : Names.Any(n => modulePath == n || modulePath.EndsWith("." + n, StringComparison.Ordinal));
}
