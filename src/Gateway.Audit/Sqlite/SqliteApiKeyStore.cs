using Gateway.Audit.Keys;
using Gateway.Audit.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Gateway.Audit.Sqlite;

/// <summary>
/// <c>&lt;data-dir&gt;/keys.db</c>. SQLite rather than a JSON file because <c>gateway keys revoke</c> in one process must
/// be seen by a running <c>gateway serve</c> at once, and SQLite gives that, with atomic writes, for free.
/// </summary>
internal sealed class SqliteApiKeyStore : IApiKeyStore, IDisposable
{
    public const string FileName = "keys.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS api_keys (
            id            TEXT    PRIMARY KEY,
            name          TEXT    NOT NULL,
            roles         TEXT    NOT NULL,
            sources       TEXT    NOT NULL,
            key_hash      TEXT    NOT NULL UNIQUE,
            created_ticks INTEGER NOT NULL,
            revoked_ticks INTEGER
        );
        """;

    private const string Columns = "id, name, roles, sources, created_ticks, revoked_ticks";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SqliteApiKeyStore(string path, TimeProvider time, ILogger<SqliteApiKeyStore> logger)
    {
        _database = new SqliteDatabase(path, Schema);
        _time = time;
        _logger = logger;
    }

    public void Dispose() => _database.Dispose();

    public async Task<CreatedApiKey> CreateAsync(string name, GatewayRoles roles, IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sources);
        if (roles == GatewayRoles.None || sources.Count == 0)
        {
            throw new ArgumentException("A key needs at least one role and one source.");
        }

        var secret = ApiKeySecrets.NewSecret();
        var info = new ApiKeyInfo
        {
            Id = ApiKeySecrets.NewId(),
            Name = name.Trim(),
            Roles = roles,
            Sources = sources,
            Created = _time.GetUtcNow(),
        };

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO api_keys (id, name, roles, sources, key_hash, created_ticks) VALUES ($id, $name, $roles, $sources, $hash, $created)";
        insert.Parameters.AddWithValue("$id", info.Id);
        insert.Parameters.AddWithValue("$name", info.Name);
        insert.Parameters.AddWithValue("$roles", roles.Format());
        insert.Parameters.AddWithValue("$sources", string.Join(',', sources));
        insert.Parameters.AddWithValue("$hash", ApiKeySecrets.Hash(secret));
        insert.Parameters.AddWithValue("$created", info.Created.UtcTicks);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Log.KeyCreated(_logger, info.Id, info.Name);
        return new CreatedApiKey(info, secret);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY created_ticks, id";
        var keys = new List<ApiKeyInfo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        // COALESCE keeps the first revocation time when a key is revoked twice.
        command.CommandText = "UPDATE api_keys SET revoked_ticks = COALESCE(revoked_ticks, $now) WHERE id = $id";
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().UtcTicks);
        command.Parameters.AddWithValue("$id", id);
        var changed = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        if (changed)
        {
            Log.KeyRevoked(_logger, id);
        }

        return changed;
    }

    public async Task<GatewayPrincipal?> AuthenticateAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        if (!ApiKeySecrets.LooksLikeKey(presentedKey))
        {
            return null;
        }

        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        // Lookup by hash: the secret itself is never compared, stored or logged.
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE key_hash = $hash AND revoked_ticks IS NULL";
        command.Parameters.AddWithValue("$hash", ApiKeySecrets.Hash(presentedKey));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader).ToPrincipal() : null;
    }

    private static ApiKeyInfo Read(SqliteDataReader reader)
    {
        // A row whose roles no longer parse grants nothing rather than failing every listing.
        var roles = GatewayRoleNames.TryParse(reader.GetString(2), out var parsed, out _) ? parsed : GatewayRoles.None;
        return new ApiKeyInfo
        {
            Id = reader.GetString(0),
            Name = reader.GetString(1),
            Roles = roles,
            Sources = reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries),
            Created = new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
            Revoked = reader.IsDBNull(5) ? null : new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
        };
    }
}
