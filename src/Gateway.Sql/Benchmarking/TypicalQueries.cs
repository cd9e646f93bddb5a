using System.Text;
using Gateway.Sql.Dialects;

namespace Gateway.Sql.Benchmarking;

/// <summary>
/// A deterministic mix of typical analytical queries (about 200 characters each) per dialect, the workload that
/// <c>gateway bench validate</c> and the BenchmarkDotNet suite time. Shapes mirror what a text-to-SQL model
/// writes: filters, joins, aggregates, CTEs, window functions, subqueries and unions.
/// </summary>
public static class TypicalQueries
{
    private static readonly string[] Tables = ["customers", "orders", "order_items", "products", "payments", "regions", "categories"];
    private static readonly string[] Columns = ["id", "name", "status", "amount", "created_at", "region_id", "price", "quantity", "category", "email"];
    private static readonly string[] Statuses = ["shipped", "pending", "cancelled", "it's late", "DROP TABLE x; --"];

    /// <summary>Builds <paramref name="count"/> queries for a dialect; the same seed always gives the same text.</summary>
    public static IReadOnlyList<string> For(SqlDialectKind dialect, int count = 256, int seed = 20261125)
    {
        var random = new Random(seed);
        var queries = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            queries.Add(Build(dialect, random, i % 8));
        }

        return queries;
    }

    private static string Build(SqlDialectKind dialect, Random random, int shape)
    {
        string T() => Quote(dialect, Tables[random.Next(Tables.Length)]);
        string C() => Quote(dialect, Columns[random.Next(Columns.Length)]);
        string S() => "'" + Statuses[random.Next(Statuses.Length)].Replace("'", "''", StringComparison.Ordinal) + "'";
        var n = random.Next(1, 500);
        var sb = new StringBuilder(256);
        switch (shape)
        {
            case 0:
                sb.Append($"SELECT c.{C()}, c.{C()}, COUNT(*) AS order_count, SUM(o.{C()}) AS total FROM {T()} c JOIN {T()} o ON o.customer_id = c.id ")
                  .Append($"WHERE o.{C()} = {S()} AND o.{C()} > {n} GROUP BY c.{C()}, c.{C()} ORDER BY total DESC");
                break;
            case 1:
                sb.Append($"WITH recent AS (SELECT {C()}, {C()}, {C()} FROM {T()} WHERE {C()} >= {n} AND {C()} <> {S()}) ")
                  .Append($"SELECT r.{C()}, AVG(r.{C()}) AS avg_value FROM recent r GROUP BY r.{C()} HAVING COUNT(*) > {n % 10}");
                break;
            case 2:
                sb.Append($"SELECT {C()}, {C()}, ROW_NUMBER() OVER (PARTITION BY {C()} ORDER BY {C()} DESC) AS rank_in_group, ")
                  .Append($"SUM({C()}) OVER (PARTITION BY {C()}) AS group_total FROM {T()} WHERE {C()} IS NOT NULL");
                break;
            case 3:
                sb.Append($"SELECT p.{C()}, p.{C()} FROM {T()} p WHERE p.{C()} IN (SELECT oi.{C()} FROM {T()} oi WHERE oi.{C()} > {n}) ")
                  .Append($"AND p.{C()} BETWEEN {n} AND {n + 100} ORDER BY p.{C()}");
                break;
            case 4:
                sb.Append($"SELECT {C()} AS label, COUNT(*) AS n FROM {T()} WHERE {C()} LIKE '%{n}%' GROUP BY {C()} ")
                  .Append($"UNION ALL SELECT {C()}, COUNT(*) FROM {T()} WHERE {C()} = {S()} GROUP BY {C()}");
                break;
            case 5:
                sb.Append($"SELECT CASE WHEN {C()} > {n} THEN 'high' WHEN {C()} > {n / 2} THEN 'mid' ELSE 'low' END AS band, ")
                  .Append($"COUNT(*) AS n, MIN({C()}) AS lo, MAX({C()}) AS hi FROM {T()} GROUP BY 1 ORDER BY n DESC");
                break;
            case 6:
                sb.Append($"SELECT r.{C()}, COUNT(DISTINCT c.{C()}) AS customers FROM {T()} r LEFT JOIN {T()} c ON c.region_id = r.id ")
                  .Append($"LEFT JOIN {T()} o ON o.customer_id = c.id AND o.{C()} = {S()} GROUP BY r.{C()}");
                break;
            default:
                sb.Append($"SELECT o.{C()}, o.{C()}, o.{C()} FROM {T()} o WHERE EXISTS (SELECT 1 FROM {T()} p WHERE p.order_id = o.id ")
                  .Append($"AND p.{C()} >= {n}) AND o.{C()} IS NOT NULL /* recent orders */ ORDER BY o.{C()} DESC");
                break;
        }

        return sb.ToString();
    }

    private static string Quote(SqlDialectKind dialect, string name) => (dialect, name.Length % 3) switch
    {
        (_, 0) => name,
        (SqlDialectKind.MySql, _) => $"`{name}`",
        (SqlDialectKind.SqlServer, _) => $"[{name}]",
        _ => $"\"{name}\"",
    };
}
