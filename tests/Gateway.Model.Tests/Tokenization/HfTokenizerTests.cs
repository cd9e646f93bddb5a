using Gateway.Model.Tokenization;

namespace Gateway.Model.Tests.Tokenization;

public sealed class HfTokenizerTests
{
    private static readonly HfTokenizer Tokenizer = HfTokenizer.FromJson(TinyTokenizerJson.Build());

    [Theory]
    [InlineData("SELECT name FROM users WHERE id = 1;")]
    [InlineData("SELECT \"Größe\", count(*) FROM t GROUP BY 1 HAVING x <> 'naïve café'\n\tORDER BY 2 DESC")]
    [InlineData("Grüße, 世界! 🚀 Ωmega — ½ ≠ 0.5  ")]
    [InlineData("")]
    public void Encode_then_decode_returns_the_text(string text)
    {
        var ids = Tokenizer.Encode(text);

        Assert.Equal(text, Tokenizer.Decode(ids));
    }

    [Fact]
    public void Merges_join_keywords_into_single_tokens()
    {
        var ids = Tokenizer.Encode("SELECT name FROM t WHERE");

        Assert.Equal(Tokenizer.TokenToId("SELECT"), ids[0]);
        Assert.Equal(Tokenizer.TokenToId("Ġname"), ids[1]);
        Assert.Equal(Tokenizer.TokenToId("ĠFROM"), ids[2]);
        Assert.Equal(Tokenizer.TokenToId("ĠWHERE"), ids[^1]);
        Assert.Equal(6, ids.Count);
    }

    [Fact]
    public void Multibyte_characters_become_their_utf8_bytes()
    {
        var ids = Tokenizer.Encode("é");

        Assert.Equal(2, ids.Count);
    }

    [Fact]
    public void Special_tokens_are_matched_whole_and_can_be_skipped_when_decoding()
    {
        const string text = "<|im_start|>user\nSELECT 1<|im_end|>";

        var ids = Tokenizer.Encode(text);

        Assert.Equal(Tokenizer.AddedTokens["<|im_start|>"], ids[0]);
        Assert.Equal(Tokenizer.AddedTokens["<|im_end|>"], ids[^1]);
        Assert.Equal(text, Tokenizer.Decode(ids));
        Assert.Equal("user\nSELECT 1", Tokenizer.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void String_merges_read_like_array_merges()
    {
        var legacy = HfTokenizer.FromJson(TinyTokenizerJson.Build(arrayMerges: false));

        Assert.Equal(Tokenizer.Encode("SELECT name FROM x"), legacy.Encode("SELECT name FROM x"));
    }

    [Fact]
    public void Split_pattern_comes_from_the_pre_tokenizer()
    {
        // Qwen2's pattern splits numbers into single digits, so the "1 2" merge never applies; GPT-2's pattern (the
        // fallback when no Split is declared) keeps "12" whole and the merge joins it.
        var gpt2Style = HfTokenizer.FromJson(TinyTokenizerJson.Build().Replace(
            "\"type\":\"Split\"", "\"type\":\"Ignored\"", StringComparison.Ordinal));

        Assert.Equal(2, Tokenizer.Encode("12").Count);
        Assert.Equal(new[] { gpt2Style.TokenToId("12")!.Value }, gpt2Style.Encode("12"));
    }

    [Fact]
    public void Vocab_size_counts_added_tokens()
    {
        Assert.Equal(256 + TinyTokenizerJson.Merges.Length + 3, Tokenizer.VocabSize);
    }

    [Fact]
    public void Non_bpe_tokenizer_is_rejected()
    {
        var e = Assert.Throws<ModelFormatException>(() => HfTokenizer.FromJson("""{"model": {"type": "WordPiece", "vocab": {}}}"""));

        Assert.Contains("WordPiece", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_from_a_model_folder()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(HfTokenizer.FileName), TinyTokenizerJson.Build());

        var loaded = HfTokenizer.Load(dir.Path);

        Assert.Equal(Tokenizer.Encode("SELECT 1"), loaded.Encode("SELECT 1"));
    }
}
