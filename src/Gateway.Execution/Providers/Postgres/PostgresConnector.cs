using System.Data.Common;
using System.Globalization;
using System.Numerics;
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

    public override DbConnection CreateReadOnlyConnection(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var builder = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        builder.ApplicationName ??= "gateway";
        // Every transaction of the session starts read-only, so a COMMIT smuggled into the batch cannot open
        // a writable one after the BEGIN READ ONLY below ends.
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? ReadOnlyOption
            : $"{builder.Options} {ReadOnlyOption}";
        return new NpgsqlConnection(builder.ConnectionString);
    }

    public override DbConnection CreateOwnerConnection(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new NpgsqlConnection(source.ConnectionString);
    }

    public override async Task<DbTransaction> BeginReadOnlyAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var milliseconds = Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds));
        command.CommandText = $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {milliseconds.ToString(CultureInfo.InvariantCulture)}";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    /// <summary>NUMERIC wider than <see cref="decimal"/> is read as a BigInteger when it has no fraction.</summary>
    public override object? ReadValue(DbDataReader reader, int ordinal, ValueKind kind)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (kind != ValueKind.Decimal)
        {
            return base.ReadValue(reader, ordinal, kind);
        }

        try
        {
            return reader.GetDecimal(ordinal);
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException)
        {
            return reader.GetFieldValue<BigInteger>(ordinal);
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

        // NpgsqlException without a server error is a transport failure: socket, TLS, protocol.
        var transport = exception is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException;
        return Error(transport || opening ? ExecutionErrorCode.Unavailable : ExecutionErrorCode.QueryFailed, source, exception.Message, exception);
    }

    protected override DbConnectionStringBuilder CreateBuilder(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString);
}
