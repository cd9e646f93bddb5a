using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gateway.Evaluation.Spider.Data;
using Gateway.Evaluation.Spider.Matching;
using Gateway.Evaluation.Spider.Running;

namespace Gateway.Commands.Eval;

/// <summary>The wire shapes of <c>gateway eval spider</c>: the summary object and one line per question.</summary>
internal static class SpiderJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>{"index","db_id","question","gold","predicted","correct","exact","hardness","note"}</c>.</summary>
    public static string Outcome(QuestionOutcome outcome) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("index", outcome.Question.Index);
        writer.WriteString("db_id", outcome.Question.DbId);
        writer.WriteString("question", outcome.Question.Question);
        writer.WriteString("gold", outcome.Question.GoldSql);
        writer.WriteString("predicted", outcome.Predicted);
        if (outcome.Correct is { } correct)
        {
            writer.WriteBoolean("correct", correct);
        }
        else
        {
            writer.WriteNull("correct");
        }

        writer.WriteBoolean("exact", outcome.Exact);
        WriteNullable(writer, "hardness", outcome.Hardness is { } h ? Name(h) : null);
        WriteNullable(writer, "note", outcome.Note);
        writer.WriteEndObject();
    });

    /// <summary><c>{"split","n","n_executable","execution_accuracy","exact_match","by_hardness":{...},"partial":{...},...}</c>.</summary>
    public static string Report(SpiderSplit split, SpiderReport report, TimeSpan elapsed) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("split", split == SpiderSplit.Dev ? "dev" : "train");
        WriteScore(writer, report.All);
        writer.WriteStartObject("by_hardness");
        foreach (var (hardness, score) in report.ByHardness.OrderBy(p => p.Key))
        {
            writer.WriteStartObject(Name(hardness));
            WriteScore(writer, score);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("partial");
        foreach (var partial in report.Partial)
        {
            writer.WriteStartObject(partial.Component);
            writer.WriteNumber("accuracy", Math.Round(partial.Accuracy, 4));
            writer.WriteNumber("recall", Math.Round(partial.Recall, 4));
            writer.WriteNumber("f1", Math.Round(partial.F1, 4));
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteNumber("n_without_database", report.All.Count - report.All.Executable);
        writer.WriteStartArray("missing_databases");
        foreach (var db in report.MissingDatabases)
        {
            writer.WriteStringValue(db);
        }

        writer.WriteEndArray();
        writer.WriteNumber("predictions_outside_grammar", report.PredictionsOutsideGrammar);
        writer.WriteNumber("gold_outside_grammar", report.GoldOutsideGrammar);
        writer.WriteNumber("elapsed_s", Math.Round(elapsed.TotalSeconds, 1));
        writer.WriteEndObject();
    });

    public static string Name(SpiderHardness hardness) => hardness.ToString().ToLowerInvariant();

    private static void WriteScore(Utf8JsonWriter writer, SpiderScore score)
    {
        writer.WriteNumber("n", score.Count);
        writer.WriteNumber("n_executable", score.Executable);
        writer.WriteNumber("execution_accuracy", Math.Round(score.ExecutionAccuracy, 4));
        writer.WriteNumber("exact_match", Math.Round(score.ExactMatch, 4));
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
