using System.Data.Common;
using System.Globalization;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Npgsql;

namespace Gateway.Execution.Providers.Postgres;

/// <summary>
/// PostgreSQL: every query runs in <c>BEGIN; SET TRANSACTION READ ONLY</c> with <c>SET LOCAL statement_timeout</c>,
/// on a session whose every transaction defaults to read-only, so the server refuses writes and stops long
/// statements even if the client goes away.
/// </summary>
internal sealed class PostgresConnector : SourceConnector
{
    private const string ReadOnlyOption = "-c default_transaction_read_only=on";

    public override SourceProvider Provider => SourceProvider.Postgres;

    public override string ReadOnlyConnectionString(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var builder = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        builder.ApplicationName ??= "gateway";
        // Every transaction of the session starts read-only, so a COMMIT smuggled into the batch cannot open
        // a writable one after the read-only transaction below ends. Being a startup option, it is also the value
        // the pool's DISCARD ALL restores, so a pooled connection keeps it.
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? ReadOnlyOption
            : $"{builder.Options} {ReadOnlyOption}";
        return builder.ConnectionString;
    }

    public override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    public override DbConnection CreateOwnerConnection(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new NpgsqlConnection(source.ConnectionString);
    }

    /// <summary>Npgsql sends BEGIN with the next command, so declaring the transaction costs no round trip.</summary>
    public override async Task<DbTransaction?> BeginReadOnlyAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One round trip: BEGIN (sent by Npgsql), <c>SET TRANSACTION READ ONLY</c>, <c>SET LOCAL statement_timeout</c>
    /// and the query, as one batch; the rollback is the only other round trip. A batch command holds one statement,
    /// so text with several (a smuggled COMMIT) is refused by Npgsql before anything is sent.
    /// </summary>
    public override ReadOnlyStatement CreateStatement(DbConnection connection, DbTransaction? transaction, string sql, TimeSpan timeout)
    {
        var milliseconds = Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds));
        return ReadOnlyStatement.Batch(connection, transaction,
            ["SET TRANSACTION READ ONLY", $"SET LOCAL statement_timeout = {milliseconds.ToString(CultureInfo.InvariantCulture)}"], sql, timeout);
    }

    /// <summary>
    /// NUMERIC wider than <see cref="decimal"/> (more than 28 digits, a scale above 28) and NaN/Infinity, which
    /// Npgsql refuses as decimal, are read from the wire form exactly (<see cref="PostgresNumeric"/>).
    /// </summary>
    protected override object ReadDecimal(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return reader.GetDecimal(ordinal);
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException)
        {
            return PostgresNumeric.Read(reader, ordinal);
        }
    }

    public override ExecutionException Translate(Exception exception, SourceDescriptor source, bool opening)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is PostgresException pg)
        {
            var code = pg.SqlState switch
            {
                PostgresErrorCodes.QueryCanceled => ExecutionErrorCode.Timeout,
                PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ReadOnlySqlTransaction
                    or PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification => ExecutionErrorCode.PermissionDenied,
                PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow
                    or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown => ExecutionErrorCode.Unavailable,
                _ when pg.SqlState.StartsWith("08", StringComparison.Ordinal) => ExecutionErrorCode.Unavailable,
                _ => ExecutionErrorCode.QueryFailed,
            };
            return Error(code, source, pg.MessageText, pg, pg.SqlState);
        }

        if (exception is NotSupportedException)
        {
            // Npgsql refuses a batch command holding several statements before sending anything.
            return Error(ExecutionErrorCode.QueryFailed, source, "only one statement runs per query; nothing was sent.", exception);
        }

        // NpgsqlException without a server error is a transport failure: socket, TLS, protocol.
        var transport = exception is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException;
        return Error(transport || opening ? ExecutionErrorCode.Unavailable : ExecutionErrorCode.QueryFailed, source, exception.Message, exception);
    }

    protected override DbConnectionStringBuilder CreateBuilder(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString);
}
