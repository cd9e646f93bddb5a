using Gateway.Evaluation.Spider.Data;
using Gateway.Model.Prompting;
using Gateway.Model.Tokenization;

namespace Gateway.Model.Training;

/// <summary>How many examples an <see cref="ExampleEncoder"/> kept whole, cut or had to drop.</summary>
public sealed record EncodingReport(int Kept, int Truncated, int Dropped);

/// <summary>
/// Turns rows into prompt + answer ids: the prompt is the template filled with the row's schema as DDL and its
/// question, the answer is the SQL followed by the end-of-sequence id. Sequences longer than the limit lose the
/// start of the prompt (the DDL), never the question's end or the answer; rows whose answer alone does not fit are
/// dropped and counted.
/// </summary>
public sealed class ExampleEncoder(
    HfTokenizer tokenizer,
    PromptTemplate template,
    IReadOnlyDictionary<string, SpiderSchema>? schemas,
    int endOfSequenceId,
    int maxLength,
    string dialect = "SQLite")
{
    /// <summary>The prompt text for a question on database <paramref name="dbId"/>.</summary>
    public string Prompt(string question, string dbId)
    {
        var ddl = "";
        if (schemas is not null)
        {
            ddl = schemas.TryGetValue(dbId, out var schema)
                ? SpiderDdl.Render(schema)
                : throw new TrainingDataException($"the tables file has no schema for database '{dbId}'");
        }

        return template.Fill(dialect, ddl, question);
    }

    /// <summary>The encoded example, or null when even the answer does not fit in the limit.</summary>
    public EncodedExample? Encode(TrainingExample example, out bool truncated)
    {
        ArgumentNullException.ThrowIfNull(example);
        var prompt = tokenizer.Encode(Prompt(example.Question, example.DbId));
        var answer = tokenizer.Encode(example.Query).Append(endOfSequenceId).ToList();
        truncated = false;
        // At least one prompt token must precede the answer: it is what predicts the answer's first token.
        if (answer.Count + 1 > maxLength)
        {
            return null;
        }

        var keep = Math.Min(prompt.Count, maxLength - answer.Count);
        truncated = keep < prompt.Count;
        var ids = prompt.Skip(prompt.Count - keep).Concat(answer).ToList();
        return new EncodedExample(ids, keep, example.Query);
    }

    public (IReadOnlyList<EncodedExample> Examples, EncodingReport Report) EncodeAll(IEnumerable<TrainingExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var kept = new List<EncodedExample>();
        int truncated = 0, dropped = 0;
        foreach (var example in examples)
        {
            var encoded = Encode(example, out var cut);
            if (encoded is null)
            {
                dropped++;
                continue;
            }

            truncated += cut ? 1 : 0;
            kept.Add(encoded);
        }

        return (kept, new EncodingReport(kept.Count, truncated, dropped));
    }
}
