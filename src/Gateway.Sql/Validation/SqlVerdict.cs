namespace Gateway.Sql.Validation;

/// <summary>
/// The validator's answer for one statement. When <see cref="Allowed"/> is true, <see cref="Sql"/> holds the
/// SQL that would be executed (after policy rewriting, e.g. the row cap). When false, <see cref="Rule"/> names the
/// rule that rejected it, <see cref="Message"/> says why in plain English, and <see cref="Position"/> /
/// <see cref="Fragment"/> point at the offending text (0-based character offset into the input).
/// <see cref="MaskedOutputColumns"/> tells the executor which result columns to mask.
/// </summary>
public sealed record SqlVerdict
{
    public required bool Allowed { get; init; }
    public string? Rule { get; init; }
    public string? Message { get; init; }
    public int? Position { get; init; }
    public string? Fragment { get; init; }
    public string? Sql { get; init; }

    /// <summary>
    /// When allowed: the output column names whose values the executor must mask (case-insensitive; every result
    /// column with one of these names, whatever table it came from). The validator has made sure a masked column can
    /// reach the result only under its own name. Empty when the policy masks nothing.
    /// </summary>
    public IReadOnlyList<string> MaskedOutputColumns { get; init; } = [];

    public static SqlVerdict Allow(string executableSql) => new() { Allowed = true, Sql = executableSql };

    /// <summary>An allowed verdict that also carries the output names to mask (see <see cref="MaskedOutputColumns"/>).</summary>
    public static SqlVerdict Allow(string executableSql, IReadOnlyList<string> maskedOutputColumns) =>
        new() { Allowed = true, Sql = executableSql, MaskedOutputColumns = maskedOutputColumns };

    public static SqlVerdict Reject(string rule, string message, int? position = null, string? fragment = null) =>
        new() { Allowed = false, Rule = rule, Message = message, Position = position, Fragment = fragment };
}
