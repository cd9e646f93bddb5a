using Npgsql;

namespace Gateway.Audit.Postgres;

/// <summary>
/// The trail's tables in one PostgreSQL schema, created on first use by numbered migrations recorded in
/// <c>gateway_audit_migrations</c>. A migration never runs twice: replicas starting together take an advisory lock
/// and re-read the applied versions under it. A role that may only read and insert (the tables made by another
/// role) never reaches the DDL, because an up-to-date version table ends the check before it.
/// </summary>
/// <remarks>
/// Append-only is enforced by a trigger rather than by revoking privileges: it refuses UPDATE, DELETE and TRUNCATE
/// for every role, the table's owner included, so it holds whatever login the gateway uses. Only the owner (or a
/// superuser) can disable it, and what is changed after that is what the hash chain reports. Where the database
/// allows, also run the gateway as a role granted only SELECT and INSERT on tables another role owns.
/// </remarks>
internal static class PostgresAuditSchema
{
    public const string Table = "gateway_audit";

    /// <summary>The first key of the gateway's advisory locks ('GWAU'); the second says which lock.</summary>
    public const int LockNamespace = 0x47574155;

    private const string MigrationTable = "gateway_audit_migrations";

    /// <summary>In order; append new ones, never edit an applied one. {0} is the quoted schema.</summary>
    private static readonly (int Version, string Description, string Sql)[] Migrations =
    [
        (1, "audit table, indexes and the append-only trigger", """
            CREATE TABLE IF NOT EXISTS {0}.gateway_audit (
                id            bigint           PRIMARY KEY,
                time_ticks    bigint           NOT NULL,
                principal     text             NOT NULL,
                source        text             NOT NULL,
                question      text,
                generated_sql text,
                executed_sql  text,
                verdict       text             NOT NULL,
                rule          text,
                row_count     bigint,
                duration_ms   double precision NOT NULL,
                error_code    text,
                trace_id      text,
                model_id      text,
                prev_hash     text             NOT NULL,
                hash          text             NOT NULL,
                -- For people reading the table with SQL; the chain covers time_ticks, from which this is computed.
                written_at    timestamptz GENERATED ALWAYS AS (to_timestamp((time_ticks - 621355968000000000)::double precision / 10000000)) STORED
            );
            CREATE INDEX IF NOT EXISTS gateway_audit_time ON {0}.gateway_audit (time_ticks);
            CREATE INDEX IF NOT EXISTS gateway_audit_principal ON {0}.gateway_audit (principal, id);
            CREATE OR REPLACE FUNCTION {0}.gateway_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the audit trail is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
            END
            $$;
            DROP TRIGGER IF EXISTS gateway_audit_append_only ON {0}.gateway_audit;
            CREATE TRIGGER gateway_audit_append_only BEFORE UPDATE OR DELETE ON {0}.gateway_audit
                FOR EACH ROW EXECUTE FUNCTION {0}.gateway_audit_refuse_change();
            DROP TRIGGER IF EXISTS gateway_audit_no_truncate ON {0}.gateway_audit;
            CREATE TRIGGER gateway_audit_no_truncate BEFORE TRUNCATE ON {0}.gateway_audit
                FOR EACH STATEMENT EXECUTE FUNCTION {0}.gateway_audit_refuse_change();
            """),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    public static string Quote(string schema) => "\"" + schema + "\"";

    public static string QualifiedTable(string schema) => $"{Quote(schema)}.{Table}";

    /// <summary>Brings the schema to <see cref="LatestVersion"/>; cheap (one query) when it is there already.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (await AppliedVersionAsync(connection, null, schema, cancellationToken).ConfigureAwait(false) >= LatestVersion)
        {
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({LockNamespace}, hashtext('migrate:' || @schema))", cancellationToken, schema).ConfigureAwait(false);
        // CREATE SCHEMA IF NOT EXISTS still needs CREATE on the database, so ask first.
        if (!await ExistsAsync(connection, transaction, "SELECT to_regnamespace(@name) IS NOT NULL", schema, cancellationToken).ConfigureAwait(false))
        {
            await ExecuteAsync(connection, transaction, $"CREATE SCHEMA {Quote(schema)}", cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, $"""
            CREATE TABLE IF NOT EXISTS {Quote(schema)}.{MigrationTable} (
                version     integer     PRIMARY KEY,
                description text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken).ConfigureAwait(false);
        var applied = await AppliedVersionAsync(connection, transaction, schema, cancellationToken).ConfigureAwait(false);
        foreach (var (version, description, sql) in Migrations)
        {
            if (version <= applied)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, sql.Replace("{0}", Quote(schema), StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand($"INSERT INTO {Quote(schema)}.{MigrationTable} (version, description) VALUES (@version, @description)", connection, transaction);
            record.Parameters.AddWithValue("version", version);
            record.Parameters.AddWithValue("description", description);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the trail's table exists, without creating anything.</summary>
    public static async Task<bool> TableExistsAsync(NpgsqlDataSource dataSource, string schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ExistsAsync(connection, null, "SELECT to_regclass(@name) IS NOT NULL", QualifiedTable(schema), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>0 when nothing is applied yet (no version table).</summary>
    private static async Task<int> AppliedVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string schema, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(connection, transaction, "SELECT to_regclass(@name) IS NOT NULL", $"{Quote(schema)}.{MigrationTable}", cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }

        await using var command = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {Quote(schema)}.{MigrationTable}", connection, transaction);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, string? schema = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (schema is not null)
        {
            command.Parameters.AddWithValue("schema", schema);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
