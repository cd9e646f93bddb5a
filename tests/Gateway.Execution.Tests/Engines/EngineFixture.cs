using System.Data.Common;
using Gateway.Execution.Providers;
using Gateway.Execution.Sources;

namespace Gateway.Execution.Tests.Engines;

/// <summary>
/// One engine for the shared contract tests: its owner source, and the tables the tests read, created once per
/// test class. Table names start with <c>gw_t_</c> so they never meet the demo tables other classes load.
/// </summary>
public abstract class EngineFixture : IAsyncLifetime
{
    public SourceDescriptor? Source { get; private set; }

    public abstract string SkipReason { get; }

    public async Task InitializeAsync()
    {
        Source = await CreateSourceAsync();
        if (Source is null)
        {
            return;
        }

        foreach (var statement in SetupStatements)
        {
            await ExecuteAsOwnerAsync(statement);
        }
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs a statement with the owner's write access, bypassing the executor (setup and verification only).</summary>
    public async Task<object?> ExecuteAsOwnerAsync(string sql)
    {
        var connection = SourceConnectors.For(Source!.Provider).CreateOwnerConnection(Source);
        await using (connection)
        {
            await connection.OpenAsync();
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
    }

    protected abstract Task<SourceDescriptor?> CreateSourceAsync();

    protected abstract IReadOnlyList<string> SetupStatements { get; }
}
