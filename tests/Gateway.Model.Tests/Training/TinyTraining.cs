using Gateway.Model.Config;
using Gateway.Model.Prompting;
using Gateway.Model.Tokenization;
using Gateway.Model.Training;

namespace Gateway.Model.Tests.Training;

/// <summary>A byte-level tokenizer, a tiny model and a synthetic question-to-SQL task for training tests.</summary>
internal static class TinyTraining
{
    public const int Eos = ByteLevelTokenizerJson.EndOfText;

    public static HfTokenizer Tokenizer() => HfTokenizer.FromJson(ByteLevelTokenizerJson.Build());

    public static ModelConfig Config() => TinyModels.Qwen2Config() with { VocabSize = ByteLevelTokenizerJson.VocabSize, HiddenSize = 64, IntermediateSize = 128, EosTokenIds = [Eos] };

    public static PromptTemplate Template() => PromptTemplate.Parse("{dialect}{ddl}Q:{question}\nA:");

    /// <summary>Twenty questions, each with its own short SQL answer.</summary>
    public static List<TrainingExample> Rows(int count = 20) =>
        Enumerable.Range(0, count).Select(i => new TrainingExample($"table {i}?", $"SELECT a FROM t{i}", "db")).ToList();

    public static ExampleEncoder Encoder(int maxLength = 64) => new(Tokenizer(), Template(), null, Eos, maxLength, dialect: "");

    public static IReadOnlyList<EncodedExample> Encoded(int count = 20) => Encoder().EncodeAll(Rows(count)).Examples;

    public static Trainer Trainer(CausalLm model, TrainingOptions options) =>
        new(model, options, new HeldOutEvaluator(Tokenizer(), Eos, Eos), Eos);
}
