using System.Diagnostics;
using Gateway.Api.Errors;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;

namespace Gateway.Api.Auditing;

/// <summary>
/// Audits a request that reads about sources without running SQL on them (the source list with its probes, a schema
/// with its sample rows, a source's knowledge): one record per call under the caller's principal, written before the
/// answer leaves. A refusal is recorded too, with its code, and the problem sent back names the record.
/// </summary>
internal sealed class AuditedReads(IAuditStore audit, TimeProvider time)
{
    /// <summary>The <see cref="AuditEvent.Source"/> of a request about every source the key grants rather than one.</summary>
    public const string AllSources = "*";

    /// <param name="source">The source the request named, or <see cref="AllSources"/>.</param>
    /// <param name="count">What the answer holds, recorded as the row count (sources listed, knowledge items); optional.</param>
    public async Task<T> RunAsync<T>(GatewayPrincipal principal, string source, Func<Task<T>> read, Func<T, long>? count = null)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(read);
        var started = time.GetTimestamp();
        var entry = new AuditEvent { Principal = principal.Name, Source = source, Verdict = AuditVerdict.Allowed, TraceId = Activity.Current?.TraceId.ToString() };
        T result;
        try
        {
            result = await read().ConfigureAwait(false);
        }
        catch (ApiProblemException problem)
        {
            // CancellationToken.None: the refusal happened; a client that went away must not erase it.
            var record = await audit.AppendAsync(entry with { Verdict = AuditVerdict.Error, ErrorCode = problem.Code, DurationMs = Elapsed(started) }, CancellationToken.None).ConfigureAwait(false);
            throw problem.WithAuditId(record.Id);
        }

        await audit.AppendAsync(entry with { RowCount = count?.Invoke(result), DurationMs = Elapsed(started) }, CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    private double Elapsed(long started) => time.GetElapsedTime(started).TotalMilliseconds;
}
