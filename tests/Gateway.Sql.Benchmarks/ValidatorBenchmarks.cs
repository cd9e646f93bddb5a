using BenchmarkDotNet.Attributes;
using Gateway.Sql.Benchmarking;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Sql.Benchmarks;

/// <summary>The whole validator (parse, rules, row-cap rewrite) over the typical-query mix, per dialect.</summary>
[MemoryDiagnoser]
public class ValidatorBenchmarks
{
    private readonly SqlValidator _validator = new();
    private SqlPolicy _policy = null!;
    private IReadOnlyList<string> _queries = [];

    [Params(SqlDialectKind.Postgres, SqlDialectKind.MySql, SqlDialectKind.Sqlite, SqlDialectKind.SqlServer)]
    public SqlDialectKind Dialect { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _policy = SqlPolicyLoader.LoadDefault();
        _queries = TypicalQueries.For(Dialect, count: 64);
    }

    /// <summary>One operation validates all 64 queries; divide by 64 for the per-statement figure.</summary>
    [Benchmark(OperationsPerInvoke = 64)]
    public int Validate()
    {
        var allowed = 0;
        foreach (var sql in _queries)
        {
            if (_validator.Validate(sql, Dialect, _policy).Allowed)
            {
                allowed++;
            }
        }

        return allowed;
    }
}
