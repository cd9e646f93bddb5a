using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Gateway.Audit.Sqlite;

/// <summary>
/// The embedded audit store: <c>&lt;data-dir&gt;/audit.db</c> in WAL mode. Appends go through the
/// <see cref="SqliteAuditWriter"/> (serialised, group-committed, durable before they return); reads and
/// verification use their own connections and never block it.
/// </summary>
internal sealed class SqliteAuditStore : IAuditStore, IDisposable, IAsyncDisposable
{
    public const string FileName = "audit.db";

    private readonly SqliteDatabase _database;
    private readonly SqliteAuditWriter _writer;

    public SqliteAuditStore(string path, TimeProvider time, ILogger<SqliteAuditStore> logger)
    {
        _database = new SqliteDatabase(path, AuditSchema.Sql);
        _writer = new SqliteAuditWriter(_database, time, logger);
    }

    public string Path => _database.Path;

    public void Dispose()
    {
        _writer.Dispose();
        _database.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        _database.Dispose();
    }

    public async Task<AuditRecord> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.audit.append");
        try
        {
            var record = await _writer.AppendAsync(auditEvent, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("gateway.audit.id", record.Id);
            return record;
        }
        catch (AuditWriteException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    public async Task<AuditRecord?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditSchema.Columns} FROM audit WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? AuditRowReader.Read(reader) : null;
    }

    public async Task<AuditPage> QueryAsync(AuditFilter filter, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        long? before = null;
        if (cursor is not null)
        {
            before = long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new FormatException($"'{cursor}' is not an audit cursor.");
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var where = AuditFilterSql.Where(filter, command, before);
        // One extra row tells whether another page exists without a COUNT over the whole trail.
        command.CommandText = $"SELECT {AuditSchema.Columns} FROM audit{where} ORDER BY id DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit + 1);
        var records = new List<AuditRecord>(Math.Min(limit + 1, 256));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                records.Add(AuditRowReader.Read(reader));
            }
        }

        if (records.Count <= limit)
        {
            return new AuditPage(records, null);
        }

        records.RemoveAt(records.Count - 1);
        return new AuditPage(records, records[^1].Id.ToString(CultureInfo.InvariantCulture));
    }

    public async IAsyncEnumerable<AuditRecord> ReadAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var where = AuditFilterSql.Where(filter, command);
        command.CommandText = $"SELECT {AuditSchema.Columns} FROM audit{where} ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return AuditRowReader.Read(reader);
        }
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        using var activity = GatewayActivitySource.Source.StartActivity("gateway.audit.verify");
        long count = 0;
        var expectedPrevious = AuditChain.GenesisHash;
        var expectedId = 1L;
        await foreach (var record in ReadAsync(AuditFilter.All, cancellationToken).ConfigureAwait(false))
        {
            var reason = AuditChainCheck.Check(record, expectedId, expectedPrevious);
            if (reason is not null)
            {
                activity?.SetTag("gateway.audit.broken_id", record.Id);
                return AuditVerification.Broken(count, record.Id, reason);
            }

            count++;
            expectedId = record.Id + 1;
            expectedPrevious = record.Hash;
        }

        return AuditVerification.Ok(count);
    }
}
