using System.Diagnostics;
using System.Threading.Channels;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Microsoft.Extensions.Logging;

namespace Gateway.Audit.Storage;

/// <summary>
/// The one writer of a store in this process, with group commit. Appends queue up; a single loop takes whatever is
/// waiting (up to <see cref="MaxBatch"/>), hands it to the store's batch writer (one transaction that chains and
/// inserts them all) and completes each caller only after that commit. One flush then covers a burst instead of
/// one per request, and the chain stays linear within the process because only this loop writes; the store's own
/// lock orders it against other processes.
/// </summary>
internal sealed class AuditGroupCommit : IAsyncDisposable, IDisposable
{
    public const int MaxBatch = 256;

    private readonly Func<IReadOnlyList<AuditEvent>, Task<AuditRecord[]>> _writeBatch;
    private readonly string _location;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    /// <param name="writeBatch">Writes the events in one transaction and returns them as stored, in order.</param>
    /// <param name="location">Where the store is, for messages; never holds a secret.</param>
    public AuditGroupCommit(Func<IReadOnlyList<AuditEvent>, Task<AuditRecord[]>> writeBatch, string location, ILogger logger)
    {
        _writeBatch = writeBatch;
        _location = location;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Completes once the record is committed. Cancellation is honoured only before the record is queued: after
    /// that it is written regardless, since the request it describes has already happened.
    /// </summary>
    /// <summary>Queues <paramref name="auditEvent"/> and returns its record once the batch holding it is committed; traced as one span.</summary>
    public async Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.audit.append");
        var pending = new Pending(auditEvent);
        try
        {
            if (!_queue.Writer.TryWrite(pending))
            {
                throw new AuditWriteException($"The audit store {_location} is closed.");
            }

            var record = await pending.Completion.Task.ConfigureAwait(false);
            activity?.SetTag("gateway.audit.id", record.Id);
            return record;
        }
        catch (AuditWriteException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    public void Dispose() => _queue.Writer.TryComplete();

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        var events = new List<AuditEvent>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events.Add(pending.Event);
            }

            try
            {
                var records = await _writeBatch(events).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(records[i]);
                }
            }
#pragma warning disable CA1031 // Any failure must reach the waiting callers; a loop that died would leave them hanging.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.AuditWriteFailed(_logger, _location, ex);
                var failure = new AuditWriteException($"The audit record could not be written to {_location}: {ex.Message}", ex);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(failure);
                }
            }

            batch.Clear();
            events.Clear();
        }
    }

    private sealed class Pending(AuditEvent auditEvent)
    {
        public AuditEvent Event { get; } = auditEvent;

        // Continuations run off the writer loop, so a slow caller never delays the next commit.
        public TaskCompletionSource<AuditRecord> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
