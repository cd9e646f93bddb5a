using Gateway.Model.TextToSql;
using Gateway.Model.TextToSql.Network;

namespace Gateway.Model.Tests.TextToSql;

/// <summary>Small hand-made pointer examples, features and grammars for the network's specifications.</summary>
internal static class PointerFixtures
{
    public const int Keywords = 6;
    public const int FeatureDim = 8;

    public static PointerNetworkConfig TinyConfig => new()
    {
        FeatureDim = FeatureDim, Dim = 16, Heads = 2, EncoderLayers = 1, DecoderLayers = 1, FeedForward = 32, Dropout = 0, KeywordCount = Keywords, MaxSteps = 16,
    };

    public static PointerSchema Schema { get; } = new(
        "shop",
        [new PointerTable("singer", "singer"), new PointerTable("concert", "concert")],
        [
            new PointerColumn(-1, "*", "*", "text", false),
            new PointerColumn(0, "singer_id", "singer id", "number", true),
            new PointerColumn(0, "name", "name", "text", false),
            new PointerColumn(1, "concert_id", "concert id", "number", true),
            new PointerColumn(1, "singer_id", "singer id", "number", false),
        ],
        [new PointerForeignKey(4, 1)]);

    /// <summary>An example with 4 words, a question-span value and a cell value; <paramref name="target"/> may be null.</summary>
    public static PointerExample Example(string question, IReadOnlyList<SqlAction>? target)
    {
        var words = question.Split(' ');
        return new PointerExample(
            "shop",
            question,
            words,
            Schema,
            [new ValueCandidate(ValueSource.QuestionSpan, words[^1], false, words.Length - 1, words.Length - 1, -1), new ValueCandidate(ValueSource.DatabaseCell, "Adele", false, 0, 0, 2)],
            [new SchemaLink(0, 0, true, 0, LinkKind.ExactName), new SchemaLink(1, 1, false, 2, LinkKind.PartialName)],
            target);
    }

    /// <summary>Deterministic pseudo-features: a function of the text, so different words get different vectors.</summary>
    public static ExampleFeatures Features(PointerExample example)
    {
        static float[] Rows(IEnumerable<string> texts) => texts.SelectMany(Vector).ToArray();
        return new ExampleFeatures(
            FeatureDim,
            Rows(example.QuestionWords),
            Rows(example.Schema.Columns.Select(c => c.DisplayName)),
            Rows(example.Schema.Tables.Select(t => t.DisplayName)),
            Rows(example.Values.Where(v => v.Source != ValueSource.QuestionSpan).Select(v => v.Text)));
    }

    public static PointerInput Input(PointerExample example, IActionGrammar? grammar = null)
    {
        var offGrammar = 0;
        return PointerInputBuilder.Build(example, Features(example), Keywords, grammar, ref offGrammar);
    }

    /// <summary>Three examples whose targets differ only in what they point at.</summary>
    public static IReadOnlyList<PointerExample> ThreeExamples() =>
    [
        Example("singer names of Adele", [Kw(1), Tab(0), Kw(2), Col(2)]),
        Example("concert ids for singer", [Kw(1), Tab(1), Kw(2), Col(3), Kw(3), Val(0)]),
        Example("how many singer rows", [Kw(1), Tab(0), Kw(4), Col(0), Kw(3), Val(1)]),
    ];

    public static SqlAction Kw(int index) => new(SqlActionKind.Keyword, index);

    public static SqlAction Col(int index) => new(SqlActionKind.Column, index);

    public static SqlAction Tab(int index) => new(SqlActionKind.Table, index);

    public static SqlAction Val(int index) => new(SqlActionKind.Value, index);

    private static float[] Vector(string text)
    {
        var random = new Random(text.Aggregate(17, (h, c) => unchecked((h * 31) + c)));
        return Enumerable.Range(0, FeatureDim).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }
}

/// <summary>A grammar that forbids one keyword everywhere and allows everything else.</summary>
internal sealed class ForbiddingGrammar(int forbiddenKeyword, int maxLength) : IActionGrammar
{
    public int ForbiddenKeyword => forbiddenKeyword;

    public int MaxLength => maxLength;

    public IGrammarCursor Start(PointerExample example) => new Cursor(this, example, 0);

    private sealed record Cursor(ForbiddingGrammar Grammar, PointerExample Example, int Length) : IGrammarCursor
    {
        public AllowedActions Allowed()
        {
            var keywords = Enumerable.Repeat(Length < Grammar.MaxLength, PointerFixtures.Keywords).ToArray();
            keywords[0] = true;
            keywords[Grammar.ForbiddenKeyword] = false;
            var open = Length < Grammar.MaxLength;
            return new AllowedActions(
                keywords,
                Enumerable.Repeat(open, Example.Schema.Columns.Count).ToArray(),
                Enumerable.Repeat(open, Example.Schema.Tables.Count).ToArray(),
                open);
        }

        public IGrammarCursor? Advance(SqlAction action) =>
            action.Kind == SqlActionKind.Keyword && action.Index == Grammar.ForbiddenKeyword ? null : this with { Length = Length + 1 };
    }
}
