using System.Data;
using System.Data.Common;
using System.Globalization;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Microsoft.Data.SqlClient;

namespace Gateway.Execution.Providers.SqlServer;

/// <summary>
/// SQL Server: connections ask for <c>ApplicationIntent=ReadOnly</c> (routed to a readable secondary where one
/// exists), every query runs in a transaction that is rolled back, and the command timeout stops it on the server.
/// The login should still be a read-only principal: SQL Server has no read-only transaction mode.
/// </summary>
internal sealed class SqlServerConnector : SourceConnector
{
    // SqlException.Number values (sys.messages; -2 is the client-side timeout).
    private static readonly HashSet<int> Denied = [229, 230, 262, 297, 300, 916, 3906, 18452, 18456];
    private static readonly HashSet<int> Unreachable = [-1, 2, 53, 40, 233, 4060, 10053, 10054, 10060, 10061, 11001, 40613];

    public override SourceProvider Provider => SourceProvider.SqlServer;

    public override string ReadOnlyConnectionString(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new SqlConnectionStringBuilder(source.ConnectionString) { ApplicationIntent = ApplicationIntent.ReadOnly }.ConnectionString;
    }

    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    public override DbConnection CreateOwnerConnection(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new SqlConnection(source.ConnectionString);
    }

    public override async Task<DbTransaction?> BeginReadOnlyAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>DECIMAL(38) can exceed <see cref="decimal"/>; SqlDecimal keeps its exact digits.</summary>
    protected override object ReadDecimal(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            return reader.GetDecimal(ordinal);
        }
        catch (OverflowException)
        {
            return new ExactNumber(((SqlDataReader)reader).GetSqlDecimal(ordinal).ToString());
        }
    }

    public override ExecutionException Translate(Exception exception, SourceDescriptor source, bool opening)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is SqlException sql)
        {
            var code = sql.Number == -2 ? ExecutionErrorCode.Timeout
                : Denied.Contains(sql.Number) ? ExecutionErrorCode.PermissionDenied
                : Unreachable.Contains(sql.Number) || opening ? ExecutionErrorCode.Unavailable
                : ExecutionErrorCode.QueryFailed;
            return Error(code, source, sql.Message, sql, sql.Number.ToString(CultureInfo.InvariantCulture));
        }

        var transport = exception is System.Net.Sockets.SocketException or IOException or TimeoutException;
        return Error(transport || opening ? ExecutionErrorCode.Unavailable : ExecutionErrorCode.QueryFailed, source, exception.Message, exception);
    }

    protected override DbConnectionStringBuilder CreateBuilder(string connectionString) => new SqlConnectionStringBuilder(connectionString);
}
