using Gateway.Ask.Checking;
using Gateway.Generation;
using Gateway.Presentation.Charts;
using Gateway.Presentation.Summary;

namespace Gateway.Ask.Presenting;

/// <summary>
/// The present stage: the chart chosen from the result's shape, the statistical summary computed in code, and the
/// chat model's written analysis when one is configured. A chat model that fails costs the prose, never the answer.
/// </summary>
public sealed class PresentStage(ChartSelector charts, ResultSummarizer summarizer, AnalysisWriter writer)
{
    public async Task<(ChartSpec Chart, AskAnalysis Analysis)> PresentAsync(string question, QueryOutcome result, IChatModel? chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var chart = charts.Select(result.Columns, result.Rows);
        var summary = summarizer.Summarize(result.Columns, result.Rows);
        if (chat is null)
        {
            return (chart, new AskAnalysis(summary, null, null));
        }

        try
        {
            var written = await writer.WriteAsync(chat, question, result, summary, cancellationToken).ConfigureAwait(false);
            return (chart, new AskAnalysis(summary, written, written is null ? null : chat.ModelId));
        }
        catch (GenerationException)
        {
            return (chart, new AskAnalysis(summary, null, null));
        }
    }
}
