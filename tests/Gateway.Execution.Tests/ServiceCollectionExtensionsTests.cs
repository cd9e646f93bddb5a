using Gateway.Execution.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Execution.Tests;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void Registers_the_executor_factory_and_the_schema_cache()
    {
        using var provider = new ServiceCollection().AddGatewayExecution().BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<IQueryExecutorFactory>());
        Assert.NotNull(provider.GetRequiredService<SchemaCache>());
        Assert.NotNull(provider.GetRequiredService<SchemaIntrospector>());
    }

    [Fact]
    public void A_factory_registered_first_is_kept()
    {
        var mine = new OwnFactory();
        using var provider = new ServiceCollection().AddSingleton<IQueryExecutorFactory>(mine).AddGatewayExecution().BuildServiceProvider();

        Assert.Same(mine, provider.GetRequiredService<IQueryExecutorFactory>());
    }

    private sealed class OwnFactory : IQueryExecutorFactory
    {
        public IQueryExecutor Create(Gateway.Execution.Sources.SourceDescriptor source) => new QueryExecutor(source);
    }
}
