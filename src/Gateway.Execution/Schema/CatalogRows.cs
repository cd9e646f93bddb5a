using System.Globalization;
using Gateway.Execution.Results;

namespace Gateway.Execution.Schema;

/// <summary>Runs one catalog query through the read-only executor and reads its cells loosely (engines differ in widths).</summary>
internal static class CatalogRows
{
    /// <summary>Catalog queries are small; the cap only guards against a runaway catalog.</summary>
    private static readonly ExecutionOptions CatalogOptions = new() { MaxRows = 100_000, Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<IReadOnlyList<IReadOnlyList<object?>>> QueryAsync(IQueryExecutor executor, string sql, CancellationToken cancellationToken)
    {
        var sink = new BufferedResultSink();
        await executor.ExecuteAsync(sql, sink, CatalogOptions, cancellationToken).ConfigureAwait(false);
        return sink.Rows;
    }

    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    public static string? NullableText(object? value) => value is null || Text(value).Length == 0 ? null : Text(value);

    public static long? Number(object? value) => value switch
    {
        null => null,
        long n => n,
        ulong n => (long)n,
        decimal n => (long)n,
        double n => (long)n,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };

    public static bool Flag(object? value) => value switch
    {
        bool b => b,
        long n => n != 0,
        string s => s.Equals("YES", StringComparison.OrdinalIgnoreCase) || s == "1" || s.Equals("true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    public static IReadOnlyList<string> List(object? value) => value switch
    {
        null => [],
        object?[] items => [.. items.Select(Text)],
        _ => [.. Text(value).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
    };

    public static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
}
