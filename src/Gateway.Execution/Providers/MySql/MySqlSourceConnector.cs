using System.Data;
using System.Data.Common;
using System.Globalization;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using MySqlConnector;

namespace Gateway.Execution.Providers.MySql;

/// <summary>
/// MySQL and MariaDB: <c>START TRANSACTION READ ONLY</c>, with the session's statement limit set first:
/// <c>max_statement_time</c> (seconds) on MariaDB, <c>max_execution_time</c> (milliseconds) on MySQL, and the
/// session made read-only so DDL (which commits implicitly) is refused too. The pool resets the session when the
/// connection is returned, so neither setting leaks to other users of the pool.
/// </summary>
internal sealed class MySqlSourceConnector : SourceConnector
{
    // Server error numbers (mysqld_error.h, MariaDB's my_base.h).
    private static readonly HashSet<int> Denied = [1044, 1045, 1142, 1143, 1227, 1370, 1792];
    private static readonly HashSet<int> TimedOut = [1317, 1969, 3024];
    private static readonly HashSet<int> Unreachable = [1040, 1042, 1049, 1053, 1129, 1130, 2002, 2003, 2006, 2013];

    public override SourceProvider Provider => SourceProvider.MySql;

    public override DbConnection CreateReadOnlyConnection(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new MySqlConnection(source.ConnectionString);
    }

    public override DbConnection CreateOwnerConnection(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var builder = new MySqlConnectionStringBuilder(source.ConnectionString) { AllowLoadLocalInfile = false };
        return new MySqlConnection(builder.ConnectionString);
    }

    public override async Task<DbTransaction> BeginReadOnlyAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var mysql = (MySqlConnection)connection;
        await using (var command = mysql.CreateCommand())
        {
            // The session default matters as much as the transaction: DDL commits implicitly and would run
            // outside START TRANSACTION READ ONLY; with the session read-only it is refused (1792) as well.
            var limit = IsMariaDb(mysql)
                ? $"SET SESSION max_statement_time = {Math.Max(0.001, timeout.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture)}"
                : $"SET SESSION max_execution_time = {Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)}";
            command.CommandText = $"SET SESSION TRANSACTION READ ONLY; {limit}";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return await mysql.BeginTransactionAsync(IsolationLevel.RepeatableRead, isReadOnly: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>DECIMAL(65,30) can exceed <see cref="decimal"/>; the provider's MySqlDecimal keeps its exact digits.</summary>
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
        catch (Exception ex) when (ex is OverflowException or FormatException)
        {
            // MySqlConnector reports a DECIMAL beyond System.Decimal as a FormatException, some versions as overflow.
            return new ExactNumber(((MySqlDataReader)reader).GetMySqlDecimal(ordinal).ToString());
        }
    }

    public override ExecutionException Translate(Exception exception, SourceDescriptor source, bool opening)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is MySqlException mysql)
        {
            var number = mysql.Number;
            var code = Denied.Contains(number) ? ExecutionErrorCode.PermissionDenied
                : TimedOut.Contains(number) ? ExecutionErrorCode.Timeout
                : Unreachable.Contains(number) || opening ? ExecutionErrorCode.Unavailable
                : ExecutionErrorCode.QueryFailed;
            return Error(code, source, mysql.Message, mysql, mysql.SqlState ?? number.ToString(CultureInfo.InvariantCulture));
        }

        var transport = exception is System.Net.Sockets.SocketException or IOException or TimeoutException;
        return Error(transport || opening ? ExecutionErrorCode.Unavailable : ExecutionErrorCode.QueryFailed, source, exception.Message, exception);
    }

    internal static bool IsMariaDb(MySqlConnection connection) =>
        connection.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);

    protected override DbConnectionStringBuilder CreateBuilder(string connectionString) => new MySqlConnectionStringBuilder(connectionString);
}
