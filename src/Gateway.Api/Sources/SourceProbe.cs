using Gateway.Execution;
using Gateway.Execution.Results;

namespace Gateway.Api.Sources;

/// <summary>Checks that a source answers <c>SELECT 1</c> read-only within a few seconds; used by listings and <c>/readyz</c>.</summary>
internal sealed class SourceProbe(IQueryExecutorFactory executors, SourceOpener opener)
{
    private static readonly ExecutionOptions Limits = new() { MaxRows = 1, Timeout = TimeSpan.FromSeconds(5) };

    public async Task<SourceInfo> CheckAsync(SourceDescriptor source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            var opened = await opener.OpenAsync(source, cancellationToken).ConfigureAwait(false);
            await executors.Create(opened).ExecuteAsync("SELECT 1", new BufferedResultSink(), Limits, cancellationToken).ConfigureAwait(false);
            return new SourceInfo(source.Name, source.Provider, source.Provider, Reachable: true, Error: null);
        }
        catch (ExecutionException ex)
        {
            return new SourceInfo(source.Name, source.Provider, source.Provider, Reachable: false, Error: ex.ErrorCode.ToName());
        }
    }

    /// <summary>Every given source, probed concurrently, in the given order.</summary>
    public Task<SourceInfo[]> CheckAllAsync(IEnumerable<SourceDescriptor> sources, CancellationToken cancellationToken) =>
        Task.WhenAll(sources.Select(source => CheckAsync(source, cancellationToken)));
}
