using Gateway.Model.Training;

namespace Gateway.Model.Tests.Training;

public sealed class ExampleEncoderTests
{
    [Fact]
    public void Labels_cover_exactly_the_answer_and_its_end_token()
    {
        var tokenizer = TinyTraining.Tokenizer();
        var example = TinyTraining.Encoder().Encode(new TrainingExample("q?", "SELECT 1", "db"), out _)!;

        var prompt = tokenizer.Encode("Q:q?\nA:");
        var answer = tokenizer.Encode("SELECT 1").Append(TinyTraining.Eos).ToList();
        var labels = example.Labels();

        Assert.Equal(prompt.Concat(answer), example.Ids);
        Assert.All(labels.Take(prompt.Count), l => Assert.Equal(CausalLm.IgnoreIndex, l));
        Assert.Equal(answer.Select(a => (long)a), labels.Skip(prompt.Count));
    }

    [Fact]
    public void Long_prompts_lose_their_start_and_keep_the_answer()
    {
        var encoder = TinyTraining.Encoder(maxLength: 16);
        var example = encoder.Encode(new TrainingExample("a long question that does not fit", "SELECT 1", "db"), out var truncated)!;

        Assert.True(truncated);
        Assert.Equal(16, example.Length);
        Assert.Equal("SELECT 1", TinyTraining.Tokenizer().Decode(example.Ids.Skip(example.PromptLength).SkipLast(1)));
        Assert.Equal("\nA:", TinyTraining.Tokenizer().Decode(example.PromptIds.TakeLast(3)));
    }

    [Fact]
    public void Answers_longer_than_the_limit_are_dropped_and_counted()
    {
        var encoder = TinyTraining.Encoder(maxLength: 12);

        var (examples, report) = encoder.EncodeAll([new TrainingExample("q", "SELECT 1", "db"), new TrainingExample("q", "SELECT name FROM singer", "db")]);

        Assert.Single(examples);
        Assert.Equal(new EncodingReport(1, 1, 1), report);
    }

    [Fact]
    public void Unknown_database_is_an_error_when_tables_are_given()
    {
        var encoder = new ExampleEncoder(TinyTraining.Tokenizer(), TinyTraining.Template(), new Dictionary<string, Gateway.Evaluation.Spider.Data.SpiderSchema>(), TinyTraining.Eos, 64);

        Assert.Throws<TrainingDataException>(() => encoder.Encode(new TrainingExample("q", "SELECT 1", "nowhere"), out _));
    }
}
