namespace Gateway.Sql.Policy;

/// <summary>
/// The shape of a policy file (<c>policies/default.yaml</c> or a user's YAML/JSON) before validation. Every property
/// is optional: an absent one keeps the value of the policy underneath. Keys are snake_case in both formats.
/// </summary>
internal sealed record PolicyDocument
{
    /// <summary>Row cap; 0 turns it off. Optional; default 1000 (from the built-in policy).</summary>
    public int? MaxRows { get; init; }

    public TablesSection? Tables { get; init; }

    public ColumnsSection? Columns { get; init; }

    public FunctionsSection? Functions { get; init; }

    /// <summary>Extra deny-list entries per dialect, keyed by dialect name (<c>postgres</c>, <c>sqlserver</c>...).</summary>
    public Dictionary<string, DialectDocument?>? Dialects { get; init; }
}

internal sealed record TablesSection
{
    public List<string?>? Allow { get; init; }

    public List<string?>? Deny { get; init; }
}

internal sealed record ColumnsSection
{
    public List<string?>? Deny { get; init; }

    public List<string?>? Mask { get; init; }
}

internal sealed record FunctionsSection
{
    public List<string?>? Deny { get; init; }
}

/// <summary>One dialect's deny lists: the shape of <c>policies/dialects/*.yaml</c> and of a policy's <c>dialects:</c> entries.</summary>
internal sealed record DialectDocument
{
    public List<DeniedNameDocument?>? Functions { get; init; }

    public List<DeniedNameDocument?>? Relations { get; init; }
}

internal sealed record DeniedNameDocument
{
    public string? Name { get; init; }

    public string? Category { get; init; }

    public string? Reason { get; init; }
}
