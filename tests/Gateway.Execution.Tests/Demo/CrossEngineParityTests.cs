using System.Globalization;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Gateway.Execution.Tests.Engines;

namespace Gateway.Execution.Tests.Demo;

/// <summary>
/// The same portable queries over the demo data on SQLite, PostgreSQL and MariaDB give the same results,
/// compared as multisets of rows. Numbers are compared to six significant digits (SQLite sums money as REAL,
/// the servers as exact decimals); timestamps ignore the 'T' versus space separator (SQLite keeps text).
/// </summary>
[Collection(DemoEnginesGroup.Name)]
public sealed class CrossEngineParityTests
{
    private readonly DemoEnginesFixture _fixture;

    public CrossEngineParityTests(DemoEnginesFixture fixture)
    {
        _fixture = fixture;
    }

    private static readonly string[] Sql =
    [
        "SELECT COUNT(*) AS n FROM orders",
        "SELECT status, COUNT(*) AS n FROM orders GROUP BY status",
        "SELECT r.name, COUNT(*) AS customers FROM customers c JOIN regions r ON r.region_id = c.region_id GROUP BY r.name",
        "SELECT cat.name, SUM(oi.quantity * oi.unit_price) AS revenue FROM order_items oi JOIN products p ON p.product_id = oi.product_id JOIN categories cat ON cat.category_id = p.category_id GROUP BY cat.name",
        "SELECT method, COUNT(*) AS n, SUM(amount) AS total FROM payments GROUP BY method",
        "SELECT customer_id, name, segment, signup_date, is_active FROM customers WHERE email IS NULL",
        "SELECT product_id, name, unit_price, unit_cost, launched_on, discontinued FROM products WHERE category_id = 3",
        "SELECT order_id, customer_id, ordered_at, status, shipped_at FROM orders WHERE order_id <= 200",
        "SELECT AVG(quantity) AS mean_quantity, MIN(unit_price) AS cheapest, MAX(discount_pct) AS top_discount FROM order_items",
        "SELECT COUNT(*) AS n FROM orders WHERE ordered_at >= '2024-01-01' AND ordered_at < '2025-01-01'",
        "SELECT c.segment, COUNT(DISTINCT o.customer_id) AS buyers FROM orders o JOIN customers c ON c.customer_id = o.customer_id WHERE o.status = 'delivered' GROUP BY c.segment",
    ];

    public static TheoryData<string> Queries => new(Sql);

    [SkippableTheory]
    [MemberData(nameof(Queries))]
    public async Task Postgres_matches_sqlite(string sql)
    {
        Skip.If(_fixture.Postgres is null, TestSources.SkipReason(TestSources.PostgresVariable));

        AssertSameRows(await CanonicalAsync(_fixture.Sqlite, sql), await CanonicalAsync(_fixture.Postgres!, sql));
    }

    [SkippableTheory]
    [MemberData(nameof(Queries))]
    public async Task MariaDb_matches_sqlite(string sql)
    {
        Skip.If(_fixture.MySql is null, TestSources.SkipReason(TestSources.MySqlVariable));

        AssertSameRows(await CanonicalAsync(_fixture.Sqlite, sql), await CanonicalAsync(_fixture.MySql!, sql));
    }

    [Fact]
    public async Task Every_query_returns_rows_on_sqlite()
    {
        foreach (var sql in Sql)
        {
            Assert.NotEmpty(await CanonicalAsync(_fixture.Sqlite, sql));
        }
    }

    /// <summary>Rows sorted by a coarse key (numbers to four digits), then compared cell by cell with a relative tolerance.</summary>
    private static void AssertSameRows(List<object[]> expected, List<object[]> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var r = 0; r < expected.Count; r++)
        {
            Assert.Equal(expected[r].Length, actual[r].Length);
            for (var c = 0; c < expected[r].Length; c++)
            {
                if (expected[r][c] is double x && actual[r][c] is double y)
                {
                    Assert.True(Math.Abs(x - y) <= 1e-4 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y))), $"row {r}, column {c}: {x} != {y}");
                }
                else
                {
                    Assert.Equal(expected[r][c], actual[r][c]);
                }
            }
        }
    }

    private static async Task<List<object[]>> CanonicalAsync(SourceDescriptor source, string sql)
    {
        var sink = new BufferedResultSink();
        await new QueryExecutor(source).ExecuteAsync(sql, sink, new ExecutionOptions { MaxRows = null });
        return [.. sink.Rows.Select(row => row.Select(Canonical).ToArray()).OrderBy(Key, StringComparer.Ordinal)];
    }

    private static string Key(object[] row) =>
        string.Join(" | ", row.Select(cell => cell is double number ? number.ToString("G4", CultureInfo.InvariantCulture) : (string)cell));

    private static object Canonical(object? value) => value switch
    {
        null => "NULL",
        long or ulong or decimal or double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        ExactNumber number => double.Parse(number.Text, CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };
}
