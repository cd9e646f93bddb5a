namespace Gateway.Model.TextToSql;

/// <summary>Limits on the value candidates of one example and on what is read from a database to find them.</summary>
public sealed record ValueCandidateOptions
{
    /// <summary>Longest question span offered as a value, in words (quoted phrases may be longer).</summary>
    public int MaxSpanWords { get; init; } = 5;

    /// <summary>Longest quoted phrase offered as one value, in words.</summary>
    public int MaxQuotedWords { get; init; } = 12;

    /// <summary>Database cells offered per example, at most.</summary>
    public int MaxCellCandidates { get; init; } = 40;

    /// <summary>Cells one question span may match, at most.</summary>
    public int MaxCellsPerSpan { get; init; } = 5;

    /// <summary>Distinct values read per text column, at most.</summary>
    public int MaxCellsPerColumn { get; init; } = 20_000;

    /// <summary>Longer cells are not read: they are descriptions, not values a question names.</summary>
    public int MaxCellLength { get; init; } = 80;

    /// <summary>Values every example offers although no question spells them out.</summary>
    public IReadOnlyList<string> Constants { get; init; } = ["1"];
}
