using BenchmarkDotNet.Attributes;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.Benchmarks;

/// <summary>
/// The T-SQL path against ScriptDom's parse alone: validation (walk, column rules, row cap) should add at most
/// 10 % to the parse. Run: dotnet run -c Release --project tests/Gateway.Sql.Benchmarks -- --filter *TSql*
/// </summary>
[MemoryDiagnoser]
public class TSqlValidatorBenchmarks
{
    private readonly SqlValidator _validator = new();
    private SqlPolicy _policy = null!;

    [Params("simple", "join", "cte_window")]
    public string Query { get; set; } = "simple";

    private string _sql = "";

    [GlobalSetup]
    public void Setup()
    {
        _policy = SqlPolicyLoader.LoadDefault() with
        {
            DeniedColumns = new HashSet<string>(["users.ssn", "password_hash"], StringComparer.OrdinalIgnoreCase),
            DeniedTables = new HashSet<string>(["payroll"], StringComparer.OrdinalIgnoreCase),
        };
        _sql = Queries.TSql[Query];
    }

    [Benchmark(Baseline = true)]
    public TSqlFragment ParseOnly()
    {
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(_sql);
        return parser.Parse(reader, out _);
    }

    [Benchmark]
    public SqlVerdict Validate() => _validator.Validate(_sql, SqlDialectKind.SqlServer, _policy);
}

internal static class Queries
{
    public static readonly IReadOnlyDictionary<string, string> TSql = new Dictionary<string, string>
    {
        ["simple"] = "SELECT id, name, created FROM dbo.customers WHERE created > '2024-01-01' ORDER BY created DESC",
        ["join"] = """
            SELECT c.id, c.name, SUM(o.total) AS total, COUNT(*) AS orders
            FROM dbo.customers AS c
            JOIN sales.orders AS o ON o.customer_id = c.id
            LEFT JOIN sales.refunds AS r ON r.order_id = o.id
            WHERE o.created >= DATEADD(month, -3, GETDATE()) AND r.id IS NULL AND c.country IN (N'DE', N'FR', N'NL')
            GROUP BY c.id, c.name
            HAVING SUM(o.total) > 1000
            ORDER BY total DESC
            """,
        ["cte_window"] = """
            WITH monthly AS (
                SELECT o.customer_id, DATEFROMPARTS(YEAR(o.created), MONTH(o.created), 1) AS month, SUM(o.total) AS total
                FROM sales.orders AS o
                WHERE o.status <> 'cancelled'
                GROUP BY o.customer_id, DATEFROMPARTS(YEAR(o.created), MONTH(o.created), 1)
            ), ranked AS (
                SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.month ORDER BY m.total DESC) AS rn,
                       LAG(m.total) OVER (PARTITION BY m.customer_id ORDER BY m.month) AS previous
                FROM monthly AS m
            )
            SELECT r.month, c.name, r.total, r.previous, CAST(r.total AS decimal(12, 2)) / NULLIF(r.previous, 0) AS growth
            FROM ranked AS r
            JOIN dbo.customers AS c ON c.id = r.customer_id
            WHERE r.rn <= 10 AND EXISTS (SELECT 1 FROM sales.returns AS x WHERE x.customer_id = c.id)
            UNION ALL
            SELECT NULL, N'total', SUM(total), NULL, NULL FROM monthly
            """,
    };
}
