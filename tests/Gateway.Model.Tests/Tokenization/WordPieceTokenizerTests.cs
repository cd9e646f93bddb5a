using Gateway.Model.Tokenization;

namespace Gateway.Model.Tests.Tokenization;

public sealed class WordPieceTokenizerTests
{
    private static readonly string[] Vocab =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "cafe", "de", "##ja", "-", "vu", "un", "##aff", "##able",
        "how", "many", "singers", "?", "中", "angstrom", "naive", "!", "list", "all", "σ", "##ος",
    ];

    private static WordPieceTokenizer Create(WordPieceOptions? options = null) =>
        new(WordPieceVocabulary.Parse(string.Join("\n", Vocab) + "\n"), options);

    private static string[] Values(string text) => Create().Tokenize(text).Select(t => t.Value).ToArray();

    [Theory]
    [InlineData("Café Déjà-vu", new[] { "cafe", "de", "##ja", "-", "vu" })]
    [InlineData("ÅNGSTRÖM naïve", new[] { "angstrom", "naive" })]
    [InlineData("unaffable", new[] { "un", "##aff", "##able" })]
    [InlineData("How many singers?!", new[] { "how", "many", "singers", "?", "!" })]
    [InlineData("list\tall\u00a0singers", new[] { "list", "all", "singers" })]
    [InlineData("cafe\u0301", new[] { "cafe" })]
    [InlineData("li\u0000st\u200b", new[] { "list" })]
    [InlineData("中中", new[] { "中", "中" })]
    [InlineData("Σος", new[] { "σ", "##ος" })]
    public void Splits_as_bert_uncased_does(string text, string[] expected)
    {
        Assert.Equal(expected, Values(text));
    }

    [Fact]
    public void A_word_with_an_unmatched_remainder_is_one_unknown_token()
    {
        var tokens = Create().Tokenize("how unaffablex");
        Assert.Equal(["how", "[UNK]"], tokens.Select(t => t.Value));
        Assert.Equal((4, 14), (tokens[1].Start, tokens[1].End));
    }

    [Fact]
    public void Each_cjk_ideograph_is_its_own_word()
    {
        Assert.Equal(["中", "[UNK]", "vu"], Values("中文vu"));
    }

    [Fact]
    public void Words_longer_than_the_limit_become_unknown()
    {
        var tokenizer = Create(new WordPieceOptions { MaxInputCharsPerWord = 5 });
        Assert.Equal(["[UNK]", "cafe"], tokenizer.Tokenize("unaffable cafe").Select(t => t.Value));
    }

    [Fact]
    public void Offsets_point_into_the_original_text()
    {
        const string text = "  Café Déjà-vu";
        var tokens = Create().Tokenize(text);
        Assert.Equal(["Café", "Dé", "jà", "-", "vu"], tokens.Select(t => text[t.Start..t.End]));
    }

    [Fact]
    public void Pair_has_markers_and_segment_ids()
    {
        var encoding = Create().Encode("how many singers?", "list singers");
        var tokenizer = Create();
        Assert.Equal(
            ["[CLS]", "how", "many", "singers", "?", "[SEP]", "list", "singers", "[SEP]"],
            encoding.Ids.Select(tokenizer.Vocabulary.GetToken));
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1], encoding.TypeIds);
        Assert.Equal((5, 12), encoding.Offsets[7]);
        Assert.True(encoding.IsSpecial[8]);
    }

    [Fact]
    public void Truncation_cuts_the_longer_segment_first()
    {
        var tokenizer = Create();
        var encoding = tokenizer.Encode("how many singers ? ! list all", "cafe vu", maxLength: 8);
        Assert.Equal(
            ["[CLS]", "how", "many", "singers", "[SEP]", "cafe", "vu", "[SEP]"],
            encoding.Ids.Select(tokenizer.Vocabulary.GetToken));
    }

    [Fact]
    public void Without_lower_casing_capitals_are_unknown()
    {
        var tokenizer = Create(new WordPieceOptions { LowerCase = false, StripAccents = false });
        Assert.Equal(["[UNK]", "cafe"], tokenizer.Tokenize("Cafe cafe").Select(t => t.Value));
    }
}
