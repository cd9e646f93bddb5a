using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Gateway.Audit.Telemetry;
using Gateway.Audit.Trail;

namespace Gateway.Audit.Storage;

/// <summary>
/// The read side of <see cref="IAuditStore"/> over an audit table in any ADO.NET engine: one record, a page with its
/// cursor, a lazy ordered read, and the chain walk. The stores differ in how they open a connection and write;
/// reading is the same SQL everywhere.
/// </summary>
internal sealed class AuditTableReader(Func<CancellationToken, Task<DbConnection>> open, string table)
{
    public async Task<AuditRecord?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditColumns.Names} FROM {table} WHERE id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "id";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? AuditRowReader.Read(reader) : null;
    }

    public async Task<AuditPage> QueryAsync(AuditFilter filter, string? cursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var before = ParseCursor(cursor);
        await using var connection = await open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = AuditFilterSql.Where(filter, command, before);
        // One extra row tells whether another page exists without a COUNT over the whole trail.
        command.CommandText = $"SELECT {AuditColumns.Names} FROM {table}{where} ORDER BY id DESC LIMIT @limit";
        var limitParameter = command.CreateParameter();
        limitParameter.ParameterName = "limit";
        limitParameter.Value = limit + 1;
        command.Parameters.Add(limitParameter);
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

    public async IAsyncEnumerable<AuditRecord> ReadAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await open(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = AuditFilterSql.Where(filter, command);
        command.CommandText = $"SELECT {AuditColumns.Names} FROM {table}{where} ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return AuditRowReader.Read(reader);
        }
    }

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
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

    /// <summary>A cursor is the id of the last record of the previous page.</summary>
    private static long? ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        return long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new FormatException($"'{cursor}' is not an audit cursor.");
    }

    /// <summary>The tail of the chain as seen inside <paramref name="transaction"/>: the last id and its hash, or the genesis.</summary>
    public static async Task<(long LastId, string PreviousHash)> ReadTailAsync(DbConnection connection, DbTransaction transaction, string table)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var last = connection.CreateCommand();
        last.Transaction = transaction;
        last.CommandText = $"SELECT id, hash FROM {table} ORDER BY id DESC LIMIT 1";
        await using var reader = await last.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        return await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false)
            ? (reader.GetInt64(0), reader.GetString(1))
            : (0, AuditChain.GenesisHash);
    }
}
