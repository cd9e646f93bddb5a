using Gateway.Model.Tests.Encoders;
using Gateway.Model.TextToSql;
using Gateway.Model.TextToSql.Features;
using Gateway.Model.TextToSql.Network;
using Gateway.Model.Tokenization;

namespace Gateway.Model.Tests.TextToSql;

public sealed class PointerFeatureTests
{
    private const string Vocabulary = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhow\nmany\nsinger\n##s\nare\nthere\n?\nname\nconcert\nid\n.\n:\nadele\n*\nof\nnames\n";

    [Fact]
    public void A_word_is_the_mean_of_the_pieces_inside_its_span()
    {
        // [CLS] how many singer ##s ? [SEP], one-dimensional states.
        float[] pieces = [0, 1, 2, 3, 5, 7, 0];
        float[] offsets = [-1, -1, 0, 3, 4, 8, 9, 15, 15, 16, 16, 17, -1, -1];

        var words = PointerFeatureExtractor.WordStates("How many singers?", ["How", "many", "singers", "?"], pieces, offsets, dim: 1);

        Assert.Equal(new float[] { 1, 2, 4, 7 }, words);
    }

    [Fact]
    public void A_word_missing_from_the_question_takes_the_first_piece_state()
    {
        float[] pieces = [9, 1, 0];
        float[] offsets = [-1, -1, 0, 3, -1, -1];

        var words = PointerFeatureExtractor.WordStates("how", ["how", "Adele"], pieces, offsets, dim: 1);

        Assert.Equal(new float[] { 1, 9 }, words);
    }

    [Fact]
    public void Features_have_one_row_per_word_column_table_and_encoded_value()
    {
        using var encoder = TinyBert.Create();
        var extractor = new PointerFeatureExtractor(encoder, Tokenizer(), new FeatureCache(16));
        var example = PointerFixtures.Example("names of singers adele", null);

        var features = extractor.Features(example);

        Assert.Equal(4 * 16, features.Words.Length);
        Assert.Equal(5 * 16, features.Columns.Length);
        Assert.Equal(2 * 16, features.Tables.Length);
        Assert.Equal(1 * 16, features.EncodedValues.Length);
    }

    [Fact]
    public void A_schema_is_encoded_once_for_all_its_questions()
    {
        using var encoder = TinyBert.Create();
        var cache = new FeatureCache(16);
        var extractor = new PointerFeatureExtractor(encoder, Tokenizer(), cache);
        extractor.Precompute([PointerFixtures.Example("names of singers adele", null)]);
        var phrases = cache.PhraseCount;

        extractor.Precompute([PointerFixtures.Example("how many singers are there", null)]);

        Assert.Equal(phrases, cache.PhraseCount);
        Assert.Equal(2, cache.QuestionCount);
    }

    [Fact]
    public async Task A_saved_cache_loads_with_the_same_vectors()
    {
        using var directory = new TempDirectory();
        using var encoder = TinyBert.Create();
        var cache = new FeatureCache(16);
        var example = PointerFixtures.Example("names of singers adele", null);
        var before = new PointerFeatureExtractor(encoder, Tokenizer(), cache).Features(example);
        await cache.SaveAsync(directory.File("features.bin"), CancellationToken.None);

        var loaded = await FeatureCache.LoadAsync(directory.File("features.bin"), 16, CancellationToken.None);
        var after = new PointerFeatureExtractor(encoder, Tokenizer(), loaded).Features(example);

        Assert.Equal(cache.PhraseCount, loaded.PhraseCount);
        Assert.Equal(before.Words, after.Words);
        Assert.Equal(before.Columns, after.Columns);
        Assert.Equal(before.EncodedValues, after.EncodedValues);
    }

    [Fact]
    public async Task A_cache_of_another_width_is_refused()
    {
        using var directory = new TempDirectory();
        await new FeatureCache(16).SaveAsync(directory.File("features.bin"), CancellationToken.None);

        await Assert.ThrowsAsync<ModelFormatException>(() => FeatureCache.LoadAsync(directory.File("features.bin"), 384, CancellationToken.None));
    }

    [Fact]
    public void A_column_is_encoded_with_its_table_and_a_cell_with_its_column()
    {
        var schema = PointerFixtures.Schema;

        Assert.Equal("singer . name", PointerFeatureExtractor.ColumnPhrase(schema, schema.Columns[2]));
        Assert.Equal("*", PointerFeatureExtractor.ColumnPhrase(schema, schema.Columns[0]));
        Assert.Equal("name : Adele", PointerFeatureExtractor.ValuePhrase(schema, new ValueCandidate(ValueSource.DatabaseCell, "Adele", false, 3, 3, 2)));
    }

    [Fact]
    public void The_joint_schema_text_spans_name_every_column_and_table()
    {
        var schema = PointerFixtures.Schema;

        var text = JointSchemaText.Build(schema);

        for (var c = 0; c < schema.Columns.Count; c++)
        {
            Assert.Equal(schema.Columns[c].DisplayName, text.Text[text.Columns[c].Start..text.Columns[c].End]);
        }

        for (var t = 0; t < schema.Tables.Count; t++)
        {
            Assert.Equal(schema.Tables[t].DisplayName, text.Text[text.Tables[t].Start..text.Tables[t].End]);
        }
    }

    [Fact]
    public void Joint_features_put_the_phrase_state_beside_a_state_that_depends_on_the_question()
    {
        using var encoder = TinyBert.Create();
        var extractor = new PointerFeatureExtractor(encoder, Tokenizer(), new FeatureCache(16), features: FeatureModes.Joint);
        var phrase = new PointerFeatureExtractor(encoder, Tokenizer(), new FeatureCache(16));
        var first = PointerFixtures.Example("names of singers adele", null);
        var second = PointerFixtures.Example("how many concert are there", null);

        var a = extractor.Features(first);
        var b = extractor.Features(second);

        Assert.Equal(32, a.Dim);
        Assert.Equal(5 * 32, a.Columns.Length);
        var phraseColumns = phrase.Features(first).Columns;
        for (var c = 0; c < 5; c++)
        {
            Assert.Equal(phraseColumns.AsSpan(c * 16, 16).ToArray(), a.Columns.AsSpan(c * 32, 16).ToArray());
            Assert.Equal(a.Columns.AsSpan(c * 32, 16).ToArray(), b.Columns.AsSpan(c * 32, 16).ToArray());
        }

        Assert.NotEqual(a.Columns.AsSpan(2 * 32 + 16, 16).ToArray(), b.Columns.AsSpan(2 * 32 + 16, 16).ToArray());
        Assert.Contains(a.Columns.AsSpan(2 * 32 + 16, 16).ToArray(), v => v != 0);
        Assert.All(a.EncodedValues.AsSpan(16, 16).ToArray(), v => Assert.Equal(0, v));
    }

    [Fact]
    public async Task A_saved_cache_keeps_the_joint_states()
    {
        using var directory = new TempDirectory();
        using var encoder = TinyBert.Create();
        var cache = new FeatureCache(16);
        var example = PointerFixtures.Example("names of singers adele", null);
        var before = new PointerFeatureExtractor(encoder, Tokenizer(), cache, features: FeatureModes.Joint).Features(example);
        await cache.SaveAsync(directory.File("features.bin"), CancellationToken.None);

        var loaded = await FeatureCache.LoadAsync(directory.File("features.bin"), 16, CancellationToken.None);

        Assert.Equal(1, loaded.JointCount);
        var after = new PointerFeatureExtractor(encoder, Tokenizer(), loaded, features: FeatureModes.Joint).Features(example);
        Assert.Equal(before.Columns, after.Columns);
        Assert.Equal(before.Words, after.Words);
    }

    private static WordPieceTokenizer Tokenizer() => new(WordPieceVocabulary.Parse(Vocabulary));
}
