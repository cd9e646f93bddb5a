using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gateway.Ask.Conversations;

/// <summary>
/// Conversations in the metadata store, beside the knowledge items: SQLite (<c>knowledge.db</c> in the data
/// directory by default) or PostgreSQL, so they survive a restart and gateways sharing one PostgreSQL share them.
/// Two tables, created on first use: <c>gateway_conversations</c> (id, owner, source, times) and
/// <c>gateway_conversation_turns</c>. Times are Unix milliseconds, so one SQL text serves both engines.
/// </summary>
public sealed class DbConversationStore : IConversationStore, IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS gateway_conversations (
            id text PRIMARY KEY,
            principal text NOT NULL,
            source text NOT NULL,
            started_ms bigint NOT NULL,
            last_used_ms bigint NOT NULL
        );
        CREATE INDEX IF NOT EXISTS gateway_conversations_by_last_used ON gateway_conversations (last_used_ms);
        CREATE TABLE IF NOT EXISTS gateway_conversation_turns (
            conversation_id text NOT NULL,
            seq bigint NOT NULL,
            question text NOT NULL,
            sql text,
            verdict text NOT NULL,
            time_ms bigint NOT NULL,
            audit_id bigint,
            PRIMARY KEY (conversation_id, seq)
        );
        """;

    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly Func<ValueTask> _dispose;
    private readonly string _schema;
    private readonly AskOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    private DbConversationStore(Func<CancellationToken, Task<DbConnection>> open, Func<ValueTask> dispose, string schema, AskOptions options, TimeProvider time)
    {
        _open = open;
        _dispose = dispose;
        _schema = schema;
        _options = options;
        _time = time;
    }

    /// <summary>The store in a SQLite file (created with its directory on first use, in WAL mode).</summary>
    public static DbConversationStore Sqlite(string path, AskOptions options, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        return new DbConversationStore(
            async cancellationToken =>
            {
                if (Path.GetDirectoryName(full) is { Length: > 0 } directory)
                {
                    Directory.CreateDirectory(directory);
                }

                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return connection;
            },
            () => ValueTask.CompletedTask,
            // journal_mode is kept in the file: once covers every later connection, and readers never wait on a writer.
            "PRAGMA journal_mode=WAL;\n" + Schema,
            options,
            time);
    }

    /// <summary>The store in PostgreSQL (the connection string is a secret: never logged).</summary>
    public static DbConversationStore Postgres(string connectionString, AskOptions options, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        return new DbConversationStore(
            async cancellationToken => await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false),
            dataSource.DisposeAsync,
            Schema,
            options,
            time);
    }

    public async Task<Conversation> StartAsync(string principal, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(source);
        var now = _time.GetUtcNow();
        var id = ConversationIds.New();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Expired conversations go when a new one starts, so the store stays bounded by recent use.
        await ExecuteAsync(connection, null, """
            DELETE FROM gateway_conversation_turns WHERE conversation_id IN (SELECT id FROM gateway_conversations WHERE last_used_ms < @oldest);
            DELETE FROM gateway_conversations WHERE last_used_ms < @oldest;
            """, cancellationToken, ("oldest", Oldest())).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "INSERT INTO gateway_conversations (id, principal, source, started_ms, last_used_ms) VALUES (@id, @principal, @source, @now, @now)",
            cancellationToken, ("id", id), ("principal", principal), ("source", source), ("now", now.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        return new Conversation(id, principal, source, Truncated(now), Truncated(now), []);
    }

    public async Task<Conversation?> FindAsync(string id, string principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(principal);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        string source;
        long started, lastUsed;
        await using (var command = Command(connection, null,
            "SELECT source, started_ms, last_used_ms FROM gateway_conversations WHERE id = @id AND principal = @principal AND last_used_ms >= @oldest",
            ("id", id), ("principal", principal), ("oldest", Oldest())))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            (source, started, lastUsed) = (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        var turns = new List<ConversationTurn>();
        await using (var command = Command(connection, null,
            "SELECT question, sql, verdict, time_ms, audit_id FROM gateway_conversation_turns WHERE conversation_id = @id ORDER BY seq", ("id", id)))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                turns.Add(new ConversationTurn(
                    reader.GetString(0),
                    reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetString(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : reader.GetInt64(4)));
            }
        }

        return new Conversation(id, principal, source, DateTimeOffset.FromUnixTimeMilliseconds(started), DateTimeOffset.FromUnixTimeMilliseconds(lastUsed), turns);
    }

    public async Task<bool> AppendAsync(string id, ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(turn);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The update comes first: it locks the conversation row, so concurrent appends number their turns in turn.
        var live = await ExecuteAsync(connection, transaction,
            "UPDATE gateway_conversations SET last_used_ms = @now WHERE id = @id AND last_used_ms >= @oldest",
            cancellationToken, ("id", id), ("now", _time.GetUtcNow().ToUnixTimeMilliseconds()), ("oldest", Oldest())).ConfigureAwait(false);
        if (live == 0)
        {
            return false;
        }

        long seq;
        await using (var next = Command(connection, transaction, "SELECT COALESCE(MAX(seq), 0) + 1 FROM gateway_conversation_turns WHERE conversation_id = @id", ("id", id)))
        {
            seq = Convert.ToInt64(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        // VALUES, not INSERT … SELECT: PostgreSQL types a null parameter from its column only there.
        await ExecuteAsync(connection, transaction, """
            INSERT INTO gateway_conversation_turns (conversation_id, seq, question, sql, verdict, time_ms, audit_id)
            VALUES (@id, @seq, @question, @sql, @verdict, @time, @audit)
            """, cancellationToken, ("id", id), ("seq", seq), ("question", turn.Question), ("sql", turn.Sql), ("verdict", turn.Verdict),
            ("time", turn.Time.ToUnixTimeMilliseconds()), ("audit", turn.AuditId)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, """
            DELETE FROM gateway_conversation_turns WHERE conversation_id = @id
              AND seq <= (SELECT MAX(seq) FROM gateway_conversation_turns WHERE conversation_id = @id) - @keep
            """, cancellationToken, ("id", id), ("keep", (long)_options.ConversationStoredTurns)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<bool> DeleteAsync(string id, string principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(principal);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await ExecuteAsync(connection, transaction,
            "DELETE FROM gateway_conversations WHERE id = @id AND principal = @principal AND last_used_ms >= @oldest",
            cancellationToken, ("id", id), ("principal", principal), ("oldest", Oldest())).ConfigureAwait(false);
        if (deleted == 0)
        {
            return false;
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM gateway_conversation_turns WHERE conversation_id = @id", cancellationToken, ("id", id)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _dispose().ConfigureAwait(false);
        _initLock.Dispose();
    }

    private long Oldest() => (_time.GetUtcNow() - _options.ConversationLifetime).ToUnixTimeMilliseconds();

    // What a round trip through the store gives back: whole milliseconds.
    private static DateTimeOffset Truncated(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _open(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await InitializeAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitializeAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await _initLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialized)
            {
                await ExecuteAsync(connection, null, _schema, cancellationToken).ConfigureAwait(false);
                _initialized = true;
            }
        }
        finally
        {
            _initLock.Release();
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
