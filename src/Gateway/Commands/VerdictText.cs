using Gateway.Sql.Validation;

namespace Gateway.Commands;

/// <summary>The verdict as a person reads it on a terminal.</summary>
internal static class VerdictText
{
    public static string Format(SqlVerdict verdict)
    {
        if (verdict.Allowed)
        {
            return $"allowed\n{verdict.Sql}";
        }

        var where = verdict.Position is { } position ? $" at position {position}" : string.Empty;
        var fragment = string.IsNullOrEmpty(verdict.Fragment) ? string.Empty : $": {verdict.Fragment}";
        return $"rejected [{verdict.Rule}]{where}{fragment}\n{verdict.Message}";
    }
}
