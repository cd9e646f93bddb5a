using System.Data.Common;
using Gateway.Execution.Conversion;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;
using Microsoft.Data.Sqlite;

namespace Gateway.Execution.Providers.Sqlite;

/// <summary>
/// SQLite: the file is opened <c>Mode=ReadOnly</c> and the connection set <c>PRAGMA query_only=1</c>. SQLite has
/// no statement timeout, so a timeout or cancel interrupts the running statement (<c>sqlite3_interrupt</c>).
/// </summary>
internal sealed class SqliteConnector : SourceConnector
{
    // Primary result codes (sqlite3.h).
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteInterrupt = 9;
    private const int SqliteCantOpen = 14;
    private const int SqliteAuth = 23;
    private const int SqliteNotADb = 26;

    public override SourceProvider Provider => SourceProvider.Sqlite;

    /// <summary>A spec may give just a path: <c>demo=sqlite:/data/demo.db</c>.</summary>
    public override string NormalizeConnectionString(string connectionString) =>
        connectionString.Contains('=', StringComparison.Ordinal)
            ? connectionString
            : new SqliteConnectionStringBuilder { DataSource = connectionString }.ConnectionString;

    public override string ReadOnlyConnectionString(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new SqliteConnectionStringBuilder(source.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString;
    }

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    public override DbConnection CreateOwnerConnection(SourceDescriptor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var builder = new SqliteConnectionStringBuilder(source.ConnectionString) { Mode = SqliteOpenMode.ReadWriteCreate };
        return new SqliteConnection(builder.ConnectionString);
    }

    public override async Task<DbTransaction?> BeginReadOnlyAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA query_only = 1";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Deferred: the default BEGIN IMMEDIATE takes a write lock, which a read-only connection may not.
        // SQLite is in-process, so the synchronous call does no I/O wait worth an async path.
        return ((SqliteConnection)connection).BeginTransaction(deferred: true);
    }

    /// <summary>
    /// SQLite types by affinity (declared type), else by the first row's value for expressions, which have none.
    /// </summary>
    public override ResultColumn DescribeColumn(DbDataReader reader, int ordinal, bool onRow)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string databaseType;
        try
        {
            databaseType = onRow || reader is not SqliteDataReader ? reader.GetDataTypeName(ordinal) : string.Empty;
        }
        catch (InvalidOperationException)
        {
            databaseType = string.Empty;
        }

        if (onRow && reader.IsDBNull(ordinal) && databaseType is "BLOB")
        {
            // A NULL in an untyped expression column reports BLOB; that says nothing about the column.
            databaseType = string.Empty;
        }

        return new ResultColumn(reader.GetName(ordinal), SqliteAffinity.Classify(databaseType), databaseType);
    }

    /// <summary>
    /// SQLite types each cell, not the column, so cells are read with GetValue, which already gives the canonical
    /// long, double, string or byte[]; only kinds that need converting (booleans, dates, JSON) are normalized.
    /// </summary>
    public override CellReader CreateCellReader(DbDataReader reader, int ordinal, ResultColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return column.Kind is ValueKind.Integer or ValueKind.Float or ValueKind.Decimal or ValueKind.Text or ValueKind.Binary
            ? StorageClassReader.Instance
            : CellReader.General(column.Kind);
    }

    public override CancellationTokenRegistration RegisterInterrupt(DbConnection connection, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        return cancellationToken.Register(static state => SQLitePCL.raw.sqlite3_interrupt(((SqliteConnection)state!).Handle), sqlite);
    }

    public override ExecutionException Translate(Exception exception, SourceDescriptor source, bool opening)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is not SqliteException sqlite)
        {
            return Error(opening ? ExecutionErrorCode.Unavailable : ExecutionErrorCode.QueryFailed, source, exception.Message, exception);
        }

        var code = sqlite.SqliteErrorCode switch
        {
            SqliteReadOnly or SqliteAuth => ExecutionErrorCode.PermissionDenied,
            SqliteInterrupt => ExecutionErrorCode.Timeout,
            SqliteCantOpen or SqliteNotADb or SqliteBusy or SqliteLocked => ExecutionErrorCode.Unavailable,
            _ when opening => ExecutionErrorCode.Unavailable,
            _ => ExecutionErrorCode.QueryFailed,
        };
        return Error(code, source, sqlite.Message, sqlite, sqlite.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    protected override DbConnectionStringBuilder CreateBuilder(string connectionString) => new SqliteConnectionStringBuilder(connectionString);

    /// <summary>One native call per cell: GetValue reports NULL as DBNull, so no separate IsDBNull is needed.</summary>
    private sealed class StorageClassReader : CellReader
    {
        public static StorageClassReader Instance { get; } = new();

        public override object? Read(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) is var value && value is DBNull ? null : value;
    }
}
