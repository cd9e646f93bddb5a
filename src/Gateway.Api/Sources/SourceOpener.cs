using Gateway.Execution.Demo;
using ExecutionSource = Gateway.Execution.Sources.SourceDescriptor;

namespace Gateway.Api.Sources;

/// <summary>
/// Gives the execution stage's descriptor for a catalog source, creating the demo database (once per process) the
/// first time it is used. A demo that cannot be created is an <see cref="Gateway.Execution.ExecutionException"/>
/// (unavailable), and the next call tries again.
/// </summary>
internal sealed class SourceOpener(GatewayApiOptions options) : IDisposable
{
    private readonly SemaphoreSlim _demoGate = new(1, 1);
    private ExecutionSource? _demo;

    public async Task<ExecutionSource> OpenAsync(SourceDescriptor source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var connection = source.Connection ?? throw new InvalidOperationException($"Source '{source.Name}' has no connection.");
        if (!connection.Name.Equals(DemoDatabase.SourceName, StringComparison.OrdinalIgnoreCase))
        {
            return connection;
        }

        if (Volatile.Read(ref _demo) is { } ready)
        {
            return ready;
        }

        await _demoGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _demo ??= await DemoDatabase.EnsureAsync(options.DataDirectory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _demoGate.Release();
        }
    }

    public void Dispose() => _demoGate.Dispose();
}
