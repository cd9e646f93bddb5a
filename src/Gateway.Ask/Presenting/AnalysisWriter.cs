using System.Text;
using System.Text.Json;
using Gateway.Ask.Checking;
using Gateway.Execution.Conversion;
using Gateway.Generation;
using Gateway.Presentation.Summary;

namespace Gateway.Ask.Presenting;

/// <summary>
/// The written analysis, when a chat model is configured: it gets the question, the SQL, the result as JSON (the
/// first rows) and the statistics computed in code, and is told to look for the deeper relationships in them
/// without writing code and without stating any number that is not there.
/// </summary>
public sealed class AnalysisWriter(AskOptions options)
{
    public async Task<string?> WriteAsync(IChatModel chat, string question, QueryOutcome result, ResultSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(summary);
        var reply = await chat.CompleteAsync(
        [
            new ChatTurn(ChatRole.System,
                "You are an expert data analyst. You are given a question, the SQL that answered it, the result as JSON and statistics computed from it. " +
                "Write a short analysis (at most five sentences) for a business reader: what the result says about the question, and the deeper relationships " +
                "in it (concentration, trend, outliers, comparisons). Do not write code. Use only numbers that appear in the result or the statistics; " +
                "never estimate, extrapolate or invent one. If the result is cut off, say the analysis covers the rows shown."),
            new ChatTurn(ChatRole.User, Prompt(question, result, summary)),
        ], cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(reply) ? null : reply.Trim();
    }

    private string Prompt(string question, QueryOutcome result, ResultSummary summary)
    {
        var text = new StringBuilder();
        text.Append("Question: ").Append(question).Append("\n\nSQL:\n").Append(result.Sql).Append("\n\nResult");
        if (result.Rows.Count > options.AnalysisRows || result.Truncated)
        {
            text.Append(" (first ").Append(Math.Min(result.Rows.Count, options.AnalysisRows)).Append(" rows; the result was cut)");
        }

        text.Append(":\n").Append(ResultJson(result)).Append("\n\nStatistics:\n").AppendJoin("\n", summary.Sentences);
        return text.ToString();
    }

    private string ResultJson(QueryOutcome result)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var row in result.Rows.Take(options.AnalysisRows))
            {
                writer.WriteStartObject();
                for (var i = 0; i < result.Columns.Count; i++)
                {
                    writer.WritePropertyName(result.Columns[i].Name);
                    CellWriter.Write(writer, row[i]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
