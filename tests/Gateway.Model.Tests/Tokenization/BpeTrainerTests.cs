using Gateway.Model.Tokenization;
using Microsoft.ML.Tokenizers;

namespace Gateway.Model.Tests.Tokenization;

public sealed class BpeTrainerTests
{
    private static readonly string[] Corpus =
    [
        "SELECT name FROM singer WHERE age > 30 ORDER BY name",
        "SELECT count(*) FROM singer",
        "SELECT T1.name FROM singer AS T1 JOIN concert AS T2 ON T1.singer_id = T2.singer_id",
        "How many singers are older than 30?",
        "Wie viele Sänger sind älter als 30? Größe, Straße, Übung.",
        "歌手有多少人？ 歌手的名字是什么？",
        "Les chanteurs célèbres — «été» à Zürich 🎤🎶",
    ];

    public static TheoryData<string> RoundTripTexts => new()
    {
        "SELECT name FROM singer WHERE age > 30 ORDER BY name",
        "SELECT avg(T2.price) FROM \"order items\" AS T2 WHERE T2.note LIKE '%été%';",
        "Größe, Übung — 歌手有多少人？ 🎤🎶 emoji with ZWJ 👩‍💻 and combining e\u0301",
        "tabs\tand\r\nnew lines\n\n  leading spaces",
        "unseen words: qwertyuiop zxcvbnm ℵ₀ ∑ √2",
    };

    [Theory]
    [MemberData(nameof(RoundTripTexts))]
    public void Learnt_tokenizer_round_trips_unicode_and_sql(string text)
    {
        var tokenizer = HfTokenizer.FromJson(BpeTrainer.Train(Corpus, 400).TokenizerJson);

        var ids = tokenizer.Encode(text);

        Assert.Equal(text, tokenizer.Decode(ids));
    }

    [Fact]
    public void Frequent_sql_becomes_fewer_tokens_than_bytes()
    {
        var learnt = BpeTrainer.Train(Corpus, 400);
        var tokenizer = HfTokenizer.FromJson(learnt.TokenizerJson);

        var ids = tokenizer.Encode("SELECT name FROM singer");

        Assert.True(ids.Count <= 6, $"{ids.Count} tokens");
        Assert.NotNull(tokenizer.TokenToId("SELECT"));
        Assert.NotNull(tokenizer.TokenToId("Ġsinger"));
    }

    [Fact]
    public void Vocabulary_has_the_requested_size_while_pairs_repeat_and_stops_when_none_does()
    {
        var small = BpeTrainer.Train(Corpus, 300);
        var everything = BpeTrainer.Train(Corpus, 100_000);

        Assert.Equal(300, small.VocabSize);
        Assert.Equal(300, HfTokenizer.FromJson(small.TokenizerJson).VocabSize);
        Assert.Equal(41, small.Merges);
        Assert.True(everything.VocabSize < 100_000);
        Assert.Equal(everything.VocabSize, HfTokenizer.FromJson(everything.TokenizerJson).VocabSize);
    }

    [Fact]
    public void Training_is_deterministic()
    {
        Assert.Equal(BpeTrainer.Train(Corpus, 350).TokenizerJson, BpeTrainer.Train(Enumerable.Reverse(Corpus), 350).TokenizerJson);
    }

    [Fact]
    public void Special_tokens_keep_their_ids_and_are_matched_whole()
    {
        var tokenizer = HfTokenizer.FromJson(BpeTrainer.Train(Corpus, 320).TokenizerJson);

        var ids = tokenizer.Encode("<|im_start|>user\nSELECT<|im_end|>");

        Assert.Equal(ByteLevelTokenizerJson.EndOfText, tokenizer.TokenToId("<|endoftext|>"));
        Assert.Equal(257, ids[0]);
        Assert.Equal(258, ids[^1]);
    }

    [Fact]
    public void Microsoft_ml_tokenizers_reads_the_file_back_with_the_same_ids()
    {
        using var dir = new TempDirectory();
        var path = dir.File("tokenizer.json");
        File.WriteAllText(path, BpeTrainer.Train(Corpus, 400).TokenizerJson);
        var ours = HfTokenizer.Load(path);

        // The library's own reader of HF files (vocabulary and merges); without our split pattern, so one word.
        var library = BpeTokenizer.Create(new BpeOptions(ReadVocab(path)) { Merges = ReadMerges(path), ByteLevel = true });

        Assert.Equal(ours.Encode("SELECT"), library.EncodeToIds("SELECT"));
        Assert.Equal(ours.Encode("Sänger"), library.EncodeToIds("Sänger"));
    }

    [Fact]
    public void Too_small_a_vocabulary_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BpeTrainer.Train(Corpus, 258));
    }

    private static Dictionary<string, int> ReadVocab(string path)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("model").GetProperty("vocab").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
    }

    private static List<string> ReadMerges(string path)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(path));
        return [.. doc.RootElement.GetProperty("model").GetProperty("merges").EnumerateArray().Select(m => m.GetString()!)];
    }
}
