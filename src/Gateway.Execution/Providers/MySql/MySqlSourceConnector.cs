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
/// session made read-only so DDL (which commits implicitly) is refused too, all sent with the query in one round
/// trip. The pool resets the session when the connection is returned, so no setting leaks to other users of the pool.
/// </summary>
internal sealed class MySqlSourceConnector : SourceConnector
{
    /// <summary>Digits a <see cref="decimal"/> always holds exactly.</summary>
    private const int MaxExactDecimalDigits = 28;

    // Server error numbers (mysqld_error.h, MariaDB's my_base.h).
    private static readonly HashSet<int> Denied = [1044, 1045, 1142, 1143, 1227, 1370, 1792];
    private static readonly HashSet<int> TimedOut = [1317, 1969, 3024];
    private static readonly HashSet<int> Unreachable = [1040, 1042, 1049, 1053, 1129, 1130, 2002, 2003, 2006, 2013];

    public override SourceProvider Provider => SourceProvider.MySql;

    public override string ReadOnlyConnectionString(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.ConnectionString;
    }

    public override DbConnection CreateConnection(string connectionString) => new MySqlConnection(connectionString);

    public override DbConnection CreateOwnerConnection(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var builder = new MySqlConnectionStringBuilder(source.ConnectionString) { AllowLoadLocalInfile = false };
        return new MySqlConnection(builder.ConnectionString);
    }

    /// <summary>The transaction starts inside the statement's batch (<see cref="CreateStatement"/>), in the same round trip.</summary>
    public override Task<DbTransaction?> BeginReadOnlyAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction?>(null);

    /// <summary>
    /// One round trip: the session made read-only (DDL commits implicitly and would run outside START TRANSACTION
    /// READ ONLY; with the session read-only it is refused, 1792, as well), the session's statement limit
    /// (<c>max_statement_time</c> in seconds on MariaDB, <c>max_execution_time</c> in milliseconds on MySQL),
    /// <c>START TRANSACTION READ ONLY</c> at REPEATABLE READ, then the query, last.
    /// </summary>
    public override ReadOnlyStatement CreateStatement(DbConnection connection, DbTransaction? transaction, string sql, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var limit = IsMariaDb((MySqlConnection)connection)
            ? $"SET SESSION max_statement_time = {Math.Max(0.001, timeout.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture)}"
            : $"SET SESSION max_execution_time = {Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)}";
        return ReadOnlyStatement.Batch(connection, null,
            ["SET SESSION TRANSACTION READ ONLY", limit, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "START TRANSACTION READ ONLY"], sql, timeout);
    }

    /// <summary>
    /// Always sent, also when the batch failed part-way (a ROLLBACK outside a transaction does nothing). The pool
    /// resets the session when the connection is returned, so the session settings do not leak to other users.
    /// </summary>
    public override async Task RollbackAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "ROLLBACK";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// DECIMAL(p, s) with p above 28 can hold more digits than <see cref="decimal"/>, and the provider's parser would
    /// round them away: such columns are read as the server's exact text (<see cref="MySqlDecimal"/>), kept as a
    /// decimal only when every digit fits.
    /// </summary>
    public override CellReader CreateCellReader(DbDataReader reader, int ordinal, ResultColumn column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(column);
        if (column.Kind == ValueKind.Decimal && reader.GetFieldType(ordinal) == typeof(decimal)
            && ((MySqlDataReader)reader).GetColumnSchema()[ordinal].NumericPrecision is not (> 0 and <= MaxExactDecimalDigits))
        {
            return CellReader.For(typeof(decimal), ValueKind.Decimal, ReadExactDecimal);
        }

        return base.CreateCellReader(reader, ordinal, column);
    }

    private static object ReadExactDecimal(DbDataReader reader, int ordinal)
    {
        var text = ((MySqlDataReader)reader).GetMySqlDecimal(ordinal).ToString();
        var digits = text.Count(char.IsAsciiDigit);
        return digits <= MaxExactDecimalDigits
            ? decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)
            : new ExactNumber(text);
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
