namespace Gateway.Execution.Schema;

/// <summary>How much introspection reads beyond the catalog.</summary>
public sealed record IntrospectionOptions
{
    /// <summary>Read distinct values of low-cardinality text columns. Default true.</summary>
    public bool SampleValues { get; init; } = true;

    /// <summary>A text column with more distinct values than this gets no sample. Default 10.</summary>
    public int MaxDistinctValues { get; init; } = 10;

    /// <summary>Tables up to this many (approximate) rows are scanned whole when sampling. Default 200,000.</summary>
    public long FullScanRows { get; init; } = 200_000;

    /// <summary>Rows scanned per column of a bigger table, so a huge table costs no more than a mid-sized one. Default 50,000.</summary>
    public int SampleScanRows { get; init; } = 50_000;

    public static IntrospectionOptions Default { get; } = new();
}
