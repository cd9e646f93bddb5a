using Gateway.Evaluation.Spider.Data;

namespace Gateway.Model.TextToSql;

/// <summary>A built example and, when gold SQL was given but has no action sequence the grammar accepts, why (the example's target is then null).</summary>
public sealed record BuiltExample(PointerExample Example, LinearizeFailure? TargetFailure);

/// <summary>
/// Question + schema (+ database file) (+ gold SQL) -> <see cref="PointerExample"/>: words, value candidates, schema
/// links and, for training, the target actions. Database values are read once per file and cached by this instance.
/// </summary>
public sealed class PointerExampleBuilder(ValueCandidateOptions options)
{
    private readonly DatabaseValueCache _cells = new(options);

    public PointerExampleBuilder()
        : this(new ValueCandidateOptions())
    {
    }

    public ValueCandidateOptions Options => options;

    public Task<BuiltExample> BuildAsync(SpiderSchema schema, string? sqlitePath, string question, string? goldSql, CancellationToken cancellationToken) =>
        BuildAsync(PointerSchemaBuilder.Build(schema), sqlitePath, question, goldSql, cancellationToken);

    /// <param name="sqlitePath">The database whose cells may be values; null or a missing file offers question spans and constants only.</param>
    public async Task<BuiltExample> BuildAsync(PointerSchema schema, string? sqlitePath, string question, string? goldSql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(question);
        var cells = sqlitePath is not null && File.Exists(sqlitePath)
            ? await _cells.GetAsync(schema, sqlitePath, cancellationToken).ConfigureAwait(false)
            : DatabaseValueIndex.Empty;
        return Build(schema, cells, question, goldSql);
    }

    /// <summary>Builds an example whose cell values come from <paramref name="cells"/> (a source that is not a SQLite file).</summary>
    public BuiltExample Build(PointerSchema schema, DatabaseValueIndex cells, string question, string? goldSql)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(question);
        var words = QuestionWords.Split(question);
        var values = ValueCandidates.Build(question, words, cells, options);
        var links = SchemaLinker.Link(question, words, schema, values, options.MaxSpanWords);
        LinearizeFailure? failure = null;
        IReadOnlyList<SqlAction>? target = null;
        if (goldSql is not null)
        {
            var result = SqlLinearizer.Linearize(schema, values, goldSql);
            target = result.Actions;
            failure = result.Failure;
        }

        var example = new PointerExample(schema.DbId, question, words.Select(w => w.Text).ToList(), schema, values, links, target);

        // A target the decoding mask would refuse (a correlated sub-query naming an outer table) cannot be trained on.
        if (target is not null && !SqlGrammar.Accepts(example, target, out var reason))
        {
            return new BuiltExample(example with { Target = null }, new LinearizeFailure("grammar-rejects-gold", reason));
        }

        return new BuiltExample(example, failure);
    }
}
