using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>Why a rule rejected the SQL and where: <see cref="Position"/> is a 0-based offset into the input.</summary>
internal sealed record RuleViolation(string Rule, string Message, int Position, string Fragment)
{
    /// <summary>The longest fragment quoted back; longer ones are cut and end with an ellipsis.</summary>
    public const int MaxFragmentLength = 80;

    public static RuleViolation At(string rule, string message, string sql, TextSpan span) =>
        new(rule, message, span.Start, Cut(sql, span.Start, span.Length));

    public static string Cut(string sql, int start, int length)
    {
        start = Math.Clamp(start, 0, sql.Length);
        length = Math.Clamp(length, 0, sql.Length - start);
        return length <= MaxFragmentLength
            ? sql.Substring(start, length)
            : string.Concat(sql.AsSpan(start, MaxFragmentLength - 3), "...");
    }

    public SqlVerdict ToVerdict() => SqlVerdict.Reject(Rule, Message, Position, Fragment);
}
