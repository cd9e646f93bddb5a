using System.Data.Common;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;

namespace Gateway.Execution.Providers;

/// <summary>
/// What differs between engines, declared once per engine: how to open a read-only connection and transaction,
/// how to describe and read a column, and how the engine's errors map to <see cref="ExecutionErrorCode"/>.
/// The shared execution flow lives in <see cref="QueryExecutor"/>.
/// </summary>
internal abstract class SourceConnector
{
    public abstract SourceProvider Provider { get; }

    /// <summary>The engine-neutral name of its SQL dialect, for the validator (<c>postgres</c>, <c>mysql</c>...).</summary>
    public virtual string DialectName => Provider.ToName();

    /// <summary>Lets a provider accept a shorthand (SQLite: a bare file path).</summary>
    public virtual string NormalizeConnectionString(string connectionString) => connectionString;

    /// <summary>Throws <see cref="SourceSpecException"/> when the provider's builder refuses the string.</summary>
    public void CheckConnectionString(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            _ = CreateBuilder(source.ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            // The builder's message names the bad keyword, never the value; the string itself is not repeated.
            throw new SourceSpecException($"Source '{source.Name}' has a malformed {Provider.ToName()} connection string: {ex.Message}", ex);
        }
    }

    /// <summary>The connection string with its password removed by the provider's own builder.</summary>
    public string Redact(string connectionString)
    {
        try
        {
            var builder = CreateBuilder(connectionString);
            foreach (var key in SecretKeys)
            {
                builder.Remove(key);
            }

            return builder.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return "(malformed connection string)";
        }
    }

    /// <summary>
    /// The connection string of the read-only connections, computed once per executor so that each call only
    /// takes a pooled connection (the provider pools by this exact string).
    /// </summary>
    public abstract string ReadOnlyConnectionString(SourceDescriptor source);

    /// <summary>A connection on <paramref name="connectionString"/>, not yet open.</summary>
    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>A connection configured for reading only, not yet open.</summary>
    public DbConnection CreateReadOnlyConnection(SourceDescriptor source) => CreateConnection(ReadOnlyConnectionString(source));

    /// <summary>A connection with write access, for loading the demo data set and for tests; not used to run queries.</summary>
    public abstract DbConnection CreateOwnerConnection(SourceDescriptor source);

    /// <summary>
    /// Starts the read-only transaction. An engine may only declare it here and send it with the statement (see
    /// <see cref="CreateStatement"/>), so the two share a round trip; null when the statement itself begins it.
    /// </summary>
    public abstract Task<DbTransaction?> BeginReadOnlyAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>
    /// The statement inside the read-only transaction, with the engine-side time limit. An engine whose settings
    /// ride in the same round trip sends them as leading batch commands; the reader skips their empty results.
    /// </summary>
    public virtual ReadOnlyStatement CreateStatement(DbConnection connection, DbTransaction? transaction, string sql, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = ReadOnlyStatement.ClientTimeoutSeconds(timeout);
        return new ReadOnlyStatement(command);
    }

    /// <summary>Ends the read-only transaction without committing anything.</summary>
    public virtual Task RollbackAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        transaction?.RollbackAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>Called once the reader is open; with <paramref name="onRow"/> the reader is positioned on the first row.</summary>
    public virtual ResultColumn DescribeColumn(DbDataReader reader, int ordinal, bool onRow)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var databaseType = reader.GetDataTypeName(ordinal);
        return new ResultColumn(reader.GetName(ordinal), TypeNameClassifier.Classify(reader.GetFieldType(ordinal), databaseType), databaseType);
    }

    /// <summary>How the column's cells are read, chosen once per result (typed getters where the type is known).</summary>
    public virtual CellReader CreateCellReader(DbDataReader reader, int ordinal, ResultColumn column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(column);
        return CellReader.For(reader.GetFieldType(ordinal), column.Kind, ReadDecimal);
    }

    /// <summary>Reads a non-null DECIMAL/NUMERIC cell: a <see cref="decimal"/>, or the exact digits when it is wider.</summary>
    protected virtual object ReadDecimal(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetDecimal(ordinal);
    }

    /// <summary>Hooks a cancellation that the provider would not pass to the engine by itself.</summary>
    public virtual CancellationTokenRegistration RegisterInterrupt(DbConnection connection, CancellationToken cancellationToken) => default;

    /// <summary>Maps an engine or transport failure; <paramref name="opening"/> is true while the connection opens.</summary>
    public abstract ExecutionException Translate(Exception exception, SourceDescriptor source, bool opening);

    protected virtual IEnumerable<string> SecretKeys => ["Password"];

    protected abstract DbConnectionStringBuilder CreateBuilder(string connectionString);

    /// <summary>Builds the exception, removing the password if an engine message ever quoted it.</summary>
    protected static ExecutionException Error(ExecutionErrorCode code, SourceDescriptor source, string detail, Exception inner, string? sqlState = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var prefix = code switch
        {
            ExecutionErrorCode.Unavailable => $"Source '{source.Name}' is unavailable",
            ExecutionErrorCode.PermissionDenied => $"Source '{source.Name}' refused the query (permission denied)",
            ExecutionErrorCode.Timeout => $"The query on source '{source.Name}' ran past its time limit",
            _ => $"The query failed on source '{source.Name}'",
        };
        var message = Scrub($"{prefix}: {detail}", source);
        return new ExecutionException(code, message, inner, sqlState);
    }

    private static string Scrub(string message, SourceDescriptor source)
    {
        message = message.Replace(source.ConnectionString, "(connection string)", StringComparison.Ordinal);
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = source.ConnectionString;
        }
        catch (ArgumentException)
        {
            return message;
        }

        foreach (var key in new[] { "password", "pwd" })
        {
            if (builder.TryGetValue(key, out var secret) && secret is string { Length: > 0 } text)
            {
                message = message.Replace(text, "***", StringComparison.Ordinal);
            }
        }

        return message;
    }
}
