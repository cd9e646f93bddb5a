using Gateway.Model.TextToSql;
using Gateway.Model.TextToSql.Synthesis;

namespace Gateway.Model.Tests.TextToSql.Synthesis;

public sealed class QuestionSynthesizerTests
{
    private static async Task<(IReadOnlyList<SynthesizedRow> Rows, SynthesisReport Report)> SynthesizeAsync(ShopDatabase database, int count, long seed = 1)
    {
        var profile = await DatabaseProfile.ReadAsync(PointerSchemaBuilder.Build(database.Schema), database.Path, CancellationToken.None);
        var report = new SynthesisReport();
        var rows = await new QuestionSynthesizer(new PointerExampleBuilder()).SynthesizeAsync(profile, count, seed, report, CancellationToken.None);
        return (rows, report);
    }

    [Fact]
    public async Task Every_kept_query_runs_and_returns_rows()
    {
        using var database = new ShopDatabase();

        var (rows, _) = await SynthesizeAsync(database, 60);

        Assert.True(rows.Count >= 40, $"only {rows.Count} rows kept");
        Assert.All(rows, row => Assert.NotEmpty(database.Rows(row.Sql)));
    }

    [Fact]
    public async Task Every_kept_query_has_actions_whose_rendering_returns_the_same_rows()
    {
        using var database = new ShopDatabase();
        var builder = new PointerExampleBuilder();

        var (rows, _) = await SynthesizeAsync(database, 60);

        foreach (var row in rows)
        {
            var built = await builder.BuildAsync(database.Schema, database.Path, row.Question, row.Sql, CancellationToken.None);
            Assert.True(built.Example.Target is not null, $"{row.Sql}: {built.TargetFailure?.Detail}");
            var rendered = SqlRenderer.Render(built.Example, built.Example.Target!);
            var ordered = row.Sql.Contains("ORDER BY", StringComparison.Ordinal);
            var (expected, actual) = (database.Rows(row.Sql), database.Rows(rendered));
            if (!ordered)
            {
                expected.Sort(StringComparer.Ordinal);
                actual.Sort(StringComparer.Ordinal);
            }

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Joins_along_foreign_keys_and_date_filters_are_among_the_kept_shapes()
    {
        using var database = new ShopDatabase();

        var (rows, _) = await SynthesizeAsync(database, 80);
        var templates = rows.Select(r => r.Template).ToHashSet();

        Assert.Contains("per-parent-total", templates);
        Assert.Contains("two-hop-filter", templates);
        Assert.Contains("date-year-count", templates);
        Assert.Contains(rows, r => r.Sql.Contains(" JOIN ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Sql.Contains("LIKE '202", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Questions_quote_the_values_their_query_filters_on()
    {
        using var database = new ShopDatabase();

        var (rows, _) = await SynthesizeAsync(database, 60);

        foreach (var row in rows.Where(r => r.Template is "filter-text" or "count-filter" or "join-filter"))
        {
            var value = row.Sql[(row.Sql.IndexOf('\'', StringComparison.Ordinal) + 1)..row.Sql.LastIndexOf('\'')];
            Assert.Contains(value, row.Question, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_same_seed_writes_the_same_rows()
    {
        using var database = new ShopDatabase();

        var (first, _) = await SynthesizeAsync(database, 30, seed: 9);
        var (second, _) = await SynthesizeAsync(database, 30, seed: 9);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_query_that_returns_nothing_is_dropped_and_counted_by_reason()
    {
        using var database = new ShopDatabase();
        var profile = await DatabaseProfile.ReadAsync(PointerSchemaBuilder.Build(database.Schema), database.Path, CancellationToken.None);
        var synthesizer = new QuestionSynthesizer(new PointerExampleBuilder());

        var empty = await synthesizer.CheckAsync(profile, new SynthesizedQuery("t", "How many orders have status lost?", "SELECT full_name FROM customers WHERE segment = 'lost'"), CancellationToken.None);
        var broken = await synthesizer.CheckAsync(profile, new SynthesizedQuery("t", "How many orders?", "SELECT count(*) FROM order"), CancellationToken.None);
        var valueless = await synthesizer.CheckAsync(profile, new SynthesizedQuery("t", "Which segment is Boris in?", "SELECT segment FROM customers WHERE full_name = 'Ada Smith1'"), CancellationToken.None);

        Assert.Equal("empty-result", empty);
        Assert.Equal("execution-error", broken);
        Assert.StartsWith("no-actions:", valueless);
    }

    [Fact]
    public async Task Columns_get_roles_from_their_keys_types_and_data()
    {
        using var database = new ShopDatabase();

        var profile = await DatabaseProfile.ReadAsync(PointerSchemaBuilder.Build(database.Schema), database.Path, CancellationToken.None);
        var roles = profile.Tables.SelectMany(t => t.Columns).ToDictionary(c => c.Index, c => c.Role);

        Assert.Equal(ColumnRole.Identifier, roles[7]);
        Assert.Equal(ColumnRole.Label, roles[5]);
        Assert.Equal(ColumnRole.Category, roles[11]);
        Assert.Equal(ColumnRole.Date, roles[10]);
        Assert.Equal(ColumnRole.Measure, roles[12]);
        Assert.Equal(2, profile.Joins.Count);
    }
}
