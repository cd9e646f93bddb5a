using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Spider.Execution;

/// <summary>The outcome of running one query: its rows, or why there are none.</summary>
internal sealed record QueryRun(IReadOnlyList<ValueList<CellValue>>? Rows, string? Error, bool TimedOut)
{
    public bool Succeeded => Rows is not null;

    public static QueryRun Ok(IReadOnlyList<ValueList<CellValue>> rows) => new(rows, null, false);

    public static QueryRun Failed(string error, bool timedOut = false) => new(null, error, timedOut);
}
