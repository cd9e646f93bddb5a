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

    /// <summary>A connection configured for reading only, not yet open.</summary>
    public abstract DbConnection CreateReadOnlyConnection(SourceDescriptor source);

    /// <summary>A connection with write access, for loading the demo data set and for tests; not used to run queries.</summary>
    public abstract DbConnection CreateOwnerConnection(SourceDescriptor source);

    /// <summary>Starts the read-only transaction and sets the engine-side statement time limit.</summary>
    public abstract Task<DbTransaction> BeginReadOnlyAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Called once the reader is open; with <paramref name="onRow"/> the reader is positioned on the first row.</summary>
    public virtual ResultColumn DescribeColumn(DbDataReader reader, int ordinal, bool onRow)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var databaseType = reader.GetDataTypeName(ordinal);
        return new ResultColumn(reader.GetName(ordinal), TypeNameClassifier.Classify(reader.GetFieldType(ordinal), databaseType), databaseType);
    }

    /// <summary>Reads a non-null cell into its canonical form.</summary>
    public virtual object? ReadValue(DbDataReader reader, int ordinal, ValueKind kind)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return CellValues.Normalize(reader.GetValue(ordinal), kind);
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
