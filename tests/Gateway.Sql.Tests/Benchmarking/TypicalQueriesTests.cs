using Gateway.Sql.Benchmarking;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Sql.Tests.Benchmarking;

/// <summary>The benchmark workload must be what it claims: typical, allowed queries of about 200 characters.</summary>
public sealed class TypicalQueriesTests
{
    [Theory]
    [InlineData(SqlDialectKind.Postgres)]
    [InlineData(SqlDialectKind.MySql)]
    [InlineData(SqlDialectKind.Sqlite)]
    [InlineData(SqlDialectKind.SqlServer)]
    public void Every_typical_query_is_allowed_with_the_default_policy(SqlDialectKind dialect)
    {
        var validator = new SqlValidator();
        var policy = SqlPolicyLoader.LoadDefault();

        var rejected = TypicalQueries.For(dialect)
            .Select(sql => (sql, verdict: validator.Validate(sql, dialect, policy)))
            .Where(r => !r.verdict.Allowed)
            .Select(r => $"{r.verdict.Rule}: {r.verdict.Message} in {r.sql}")
            .ToList();

        Assert.Empty(rejected);
    }

    [Fact]
    public void Typical_queries_average_about_two_hundred_characters()
    {
        var average = TypicalQueries.For(SqlDialectKind.Postgres).Average(q => q.Length);

        Assert.InRange(average, 150, 260);
    }

    [Fact]
    public void Same_seed_gives_the_same_workload()
    {
        Assert.Equal(TypicalQueries.For(SqlDialectKind.MySql, 32), TypicalQueries.For(SqlDialectKind.MySql, 32));
    }
}
