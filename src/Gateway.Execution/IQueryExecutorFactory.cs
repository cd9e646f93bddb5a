using System.Collections.Concurrent;
using Gateway.Execution.Sources;

namespace Gateway.Execution;

/// <summary>Gives the executor for a source; the seam hosts register and tests replace.</summary>
public interface IQueryExecutorFactory
{
    IQueryExecutor Create(SourceDescriptor source);
}

/// <summary>
/// One executor per source, kept: an executor holds only its source and the read-only connection string it built
/// once, so reusing it saves rebuilding that string on every call.
/// </summary>
internal sealed class QueryExecutorFactory : IQueryExecutorFactory
{
    private readonly ConcurrentDictionary<SourceDescriptor, QueryExecutor> _executors = new();

    public IQueryExecutor Create(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _executors.GetOrAdd(source, static s => new QueryExecutor(s));
    }
}
