using System.Text.RegularExpressions;
using Gateway.Evaluation.Spider.Data;

namespace Gateway.Model.TextToSql;

// TEMPORARY stand-in until the SQL side commits its builder (same API); replaced by theirs on merge.
public sealed record BuiltExample(PointerExample Example, LinearizeFailure? TargetFailure);

public sealed partial class PointerExampleBuilder
{
    public Task<BuiltExample> BuildAsync(SpiderSchema schema, string? sqlitePath, string question, string? goldSql, CancellationToken cancellationToken) =>
        BuildAsync(PointerSchemaBuilder.Build(schema), sqlitePath, question, goldSql, cancellationToken);

    public Task<BuiltExample> BuildAsync(PointerSchema schema, string? sqlitePath, string question, string? goldSql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var words = Words().Matches(question).Select(m => m.Value.Trim('"', '\'')).Where(w => w.Length > 0).ToList();
        var values = new List<ValueCandidate>();
        for (var start = 0; start < words.Count; start++)
        {
            for (var end = start; end < Math.Min(words.Count, start + 4); end++)
            {
                var text = string.Join(' ', words.Skip(start).Take(end - start + 1));
                values.Add(new ValueCandidate(ValueSource.QuestionSpan, text, double.TryParse(text, out _), start, end, -1));
            }
        }

        values.Add(new ValueCandidate(ValueSource.Constant, "1", true, -1, -1, -1));
        IReadOnlyList<SqlAction>? target = null;
        LinearizeFailure? failure = null;
        if (goldSql is not null)
        {
            var result = SqlLinearizer.Linearize(schema, values, goldSql);
            (target, failure) = (result.Actions, result.Failure);
        }

        return Task.FromResult(new BuiltExample(new PointerExample(schema.DbId, question, words, schema, values, [], target), failure));
    }

    [GeneratedRegex("\"[^\"]*\"|'[^']*'|[\\w.%-]+|[^\\s\\w]")]
    private static partial Regex Words();
}
