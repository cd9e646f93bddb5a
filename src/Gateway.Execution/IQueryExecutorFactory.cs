using Gateway.Execution.Sources;

namespace Gateway.Execution;

/// <summary>Gives the executor for a source; the seam hosts register and tests replace.</summary>
public interface IQueryExecutorFactory
{
    IQueryExecutor Create(SourceDescriptor source);
}

/// <summary>Executors hold no state beyond their source, so one is made per call.</summary>
internal sealed class QueryExecutorFactory : IQueryExecutorFactory
{
    public IQueryExecutor Create(SourceDescriptor source) => new QueryExecutor(source);
}
