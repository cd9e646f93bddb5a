using System.Reflection;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Sql.Tests.Corpus;

public sealed class CorpusTests
{
    /// <summary>
    /// The dialects whose validator is merged. PostgreSQL, MySQL and SQLite entries wait for the gateway's own parser;
    /// add "postgres", "mysql" and "sqlite" here when it lands.
    /// </summary>
    public static readonly IReadOnlyList<string> DialectsUnderTest = ["postgres", "mysql", "sqlite", "sqlserver"];

    private static readonly string[] AllDialects = ["postgres", "mysql", "sqlite", "sqlserver"];

    public static TheoryData<string, string, bool, string?, string> EntriesUnderTest()
    {
        var data = new TheoryData<string, string, bool, string?, string>();
        foreach (var entry in CorpusEntry.Load().Where(e => DialectsUnderTest.Contains(e.Dialect)))
        {
            data.Add(entry.Dialect, entry.Sql, entry.Allowed, entry.Rule, entry.Why);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EntriesUnderTest))]
    public void Entry_gets_its_expected_verdict(string dialect, string sql, bool allowed, string? rule, string why)
    {
        Assert.True(SqlDialectNames.TryParse(dialect, out var kind));

        var verdict = new SqlValidator().Validate(sql, kind.Value, SqlPolicyLoader.LoadDefault());

        Assert.True(allowed == verdict.Allowed, $"{why}: expected {(allowed ? "allowed" : rule)}, got {(verdict.Allowed ? "allowed" : $"{verdict.Rule}: {verdict.Message}")}");
        Assert.Equal(rule, verdict.Rule);
        if (!allowed)
        {
            Assert.NotNull(verdict.Position);
            Assert.InRange(verdict.Position.Value, 0, sql.Length);
        }
    }

    [Fact]
    public void Corpus_covers_every_dialect_and_uses_only_known_rules()
    {
        var entries = CorpusEntry.Load();
        var rules = typeof(RuleIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(entries.Count >= 160, $"the corpus has {entries.Count} entries; at least 160 are required");
        foreach (var dialect in AllDialects)
        {
            var count = entries.Count(e => e.Dialect == dialect);
            Assert.True(count >= 35, $"{dialect} has {count} entries; at least 35 are required");
        }

        Assert.All(entries, entry =>
        {
            Assert.Contains(entry.Dialect, AllDialects);
            Assert.False(string.IsNullOrWhiteSpace(entry.Sql));
            Assert.False(string.IsNullOrWhiteSpace(entry.Why), $"no why for: {entry.Sql}");
            if (entry.Allowed)
            {
                Assert.Null(entry.Rule);
            }
            else
            {
                Assert.NotNull(entry.Rule);
                Assert.Contains(entry.Rule, rules);
            }
        });
    }

    [Fact]
    public void Corpus_has_no_duplicate_statements_within_a_dialect()
    {
        var duplicates = CorpusEntry.Load().GroupBy(e => (e.Dialect, e.Sql)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }
}
