using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Spider.Matching;

/// <summary>How one prediction fares on Spider's exact (component) match, with the gold query's hardness.</summary>
/// <param name="Hardness">Null only when the gold query itself is outside Spider's parser (a few training rows).</param>
/// <param name="Exact">Whether every component matches, values ignored.</param>
/// <param name="PredictionParsed">False when the prediction was scored as an empty query.</param>
/// <param name="GoldHasTopLevelOrderBy">Whether row order matters when comparing results.</param>
/// <param name="Partials">Spider's ten partial-match components; empty when the gold does not parse.</param>
internal sealed record ExactMatchOutcome(
    SpiderHardness? Hardness, bool Exact, bool PredictionParsed, bool GoldHasTopLevelOrderBy, IReadOnlyList<PartialMatch> Partials, string? Error);

/// <summary>Scores predictions against gold for one database, the way Spider's <c>evaluate</c> does per row.</summary>
internal sealed class ExactMatchScorer
{
    private readonly SpiderNameSchema _names;
    private readonly ForeignKeyMap _keys;

    public ExactMatchScorer(SpiderNameSchema names, SpiderSchema schema)
    {
        _names = names;
        _keys = ForeignKeyMap.Build(schema);
    }

    public ExactMatchOutcome Score(string goldSql, string predictedSql)
    {
        SpiderSql gold;
        try
        {
            gold = SpiderSqlParser.Parse(_names, goldSql);
        }
        catch (SpiderParseException ex)
        {
            return new ExactMatchOutcome(null, false, TryParse(predictedSql) is not null, HasOrderByOutsideParentheses(goldSql), [], $"gold does not parse: {ex.Message}");
        }

        var hardness = HardnessClassifier.Classify(gold);
        var predicted = TryParse(predictedSql);
        var exact = ExactMatcher.Matches(
            ValueFreeRebuilder.Rebuild(predicted ?? SpiderSql.Empty, _names, _keys),
            ValueFreeRebuilder.Rebuild(gold, _names, _keys),
            out var partials);
        // A trailing ORDER BY after UNION etc. lands in the nested part for Spider, but it orders the whole result.
        var ordered = gold.OrderBy is not null || HasOrderByOutsideParentheses(goldSql);
        return new ExactMatchOutcome(hardness, exact, predicted is not null, ordered, partials, null);
    }

    private SpiderSql? TryParse(string sql)
    {
        try
        {
            return SpiderSqlParser.Parse(_names, sql);
        }
        catch (SpiderParseException)
        {
            // Spider scores an unparsable prediction as the empty query; the caller sees PredictionParsed = false.
            return null;
        }
    }

    /// <summary>Fallback for gold outside the parser: an ORDER BY at parenthesis depth 0 orders the result.</summary>
    internal static bool HasOrderByOutsideParentheses(string sql)
    {
        var depth = 0;
        var tokens = sql.Replace("(", " ( ", StringComparison.Ordinal).Replace(")", " ) ", StringComparison.Ordinal)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            depth += tokens[i] == "(" ? 1 : tokens[i] == ")" ? -1 : 0;
            if (depth == 0 && i + 1 < tokens.Length
                && tokens[i].Equals("order", StringComparison.OrdinalIgnoreCase) && tokens[i + 1].Equals("by", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
