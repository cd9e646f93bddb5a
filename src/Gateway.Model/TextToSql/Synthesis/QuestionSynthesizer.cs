using Gateway.Evaluation.Spider.Execution;

namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>A kept question-SQL pair.</summary>
public sealed record SynthesizedRow(string DbId, string Template, string Question, string Sql);

/// <summary>
/// Writes question-SQL pairs for one database from the templates and keeps only those that pass every check: the SQL
/// runs, returns rows where the template expects some, has an action sequence (<see cref="SqlLinearizer"/> through
/// <see cref="PointerExampleBuilder"/>, as training will build it), and that sequence rendered back
/// (<see cref="SqlRenderer"/>) returns the same result. Everything else is counted in the report by reason.
/// </summary>
public sealed class QuestionSynthesizer(PointerExampleBuilder builder, IReadOnlyList<SynthesisTemplate> templates, TimeSpan queryTimeout)
{
    /// <summary>Templates tried per kept row before a database is given up on.</summary>
    private const int AttemptsPerRow = 8;

    private readonly SqliteQueryRunner _runner = new(queryTimeout, maxRows: 100_000);

    public QuestionSynthesizer(PointerExampleBuilder builder)
        : this(builder, [.. SingleTableTemplates.All, .. JoinTemplates.All, .. DateTemplates.All], TimeSpan.FromSeconds(5))
    {
    }

    public IReadOnlyList<SynthesisTemplate> Templates => templates;

    /// <summary>Up to <paramref name="count"/> checked rows for <paramref name="database"/>, templates taken in turn from a seeded order.</summary>
    public async Task<IReadOnlyList<SynthesizedRow>> SynthesizeAsync(DatabaseProfile database, int count, long seed, SynthesisReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(report);
        var random = new Random(unchecked((int)seed) ^ StringComparer.Ordinal.GetHashCode(database.DbId) & 0x7fffffff);
        var context = new TemplateContext(database, random);
        var order = templates.ToArray();
        random.Shuffle(order);
        var rows = new List<SynthesizedRow>();
        var questions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var misfits = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < count * AttemptsPerRow && rows.Count < count && misfits.Count < order.Length; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var template = order[attempt % order.Length];
            if (misfits.Contains(template.Id))
            {
                continue;
            }

            var query = template.Generate(context);
            if (query is null)
            {
                // The schema has nothing this template fits (no dates, no foreign keys): stop asking it.
                misfits.Add(template.Id);
                report.NotApplicable(template.Id);
                continue;
            }

            var drop = questions.Contains(query.Question) ? "duplicate" : await CheckAsync(database, query, cancellationToken).ConfigureAwait(false);
            report.Count(template.Id, drop);
            if (drop is null)
            {
                questions.Add(query.Question);
                rows.Add(new SynthesizedRow(database.DbId, template.Id, query.Question, query.Sql));
            }
        }

        report.Database(database.DbId, rows.Count);
        return rows;
    }

    /// <returns>null when the pair is kept, else the reason it is dropped</returns>
    public async Task<string?> CheckAsync(DatabaseProfile database, SynthesizedQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(query);
        var gold = await _runner.RunAsync(database.DatabasePath, query.Sql, cancellationToken).ConfigureAwait(false);
        if (gold.Rows is null)
        {
            return gold.TimedOut ? "timeout" : "execution-error";
        }

        if (query.ExpectsRows && (gold.Rows.Count == 0 || gold.Rows.All(r => r.All(c => c.Kind == CellKind.Null))))
        {
            return "empty-result";
        }

        var built = await builder.BuildAsync(database.Schema, database.DatabasePath, query.Question, query.Sql, cancellationToken).ConfigureAwait(false);
        if (built.Example.Target is not { } target)
        {
            return "no-actions:" + (built.TargetFailure?.Kind ?? "unknown");
        }

        string rendered;
        try
        {
            rendered = SqlRenderer.Render(built.Example, target);
        }
        catch (FormatException)
        {
            return "render-error";
        }

        var again = await _runner.RunAsync(database.DatabasePath, rendered, cancellationToken).ConfigureAwait(false);
        var ordered = query.Sql.Contains("ORDER BY", StringComparison.OrdinalIgnoreCase);
        return again.Rows is not null && ResultComparer.Same(again.Rows, gold.Rows, ordered) ? null : "round-trip-differs";
    }
}
