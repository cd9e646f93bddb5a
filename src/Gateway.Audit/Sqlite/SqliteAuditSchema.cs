namespace Gateway.Audit.Sqlite;

/// <summary>
/// The audit table. The triggers make the table append-only for every ordinary client; someone who drops them can
/// still edit the file, which is what the hash chain is for.
/// </summary>
internal static class SqliteAuditSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS audit (
            id            INTEGER PRIMARY KEY,
            time_ticks    INTEGER NOT NULL,
            principal     TEXT    NOT NULL,
            source        TEXT    NOT NULL,
            question      TEXT,
            generated_sql TEXT,
            executed_sql  TEXT,
            verdict       TEXT    NOT NULL,
            rule          TEXT,
            row_count     INTEGER,
            duration_ms   REAL    NOT NULL,
            error_code    TEXT,
            trace_id      TEXT,
            model_id      TEXT,
            prev_hash     TEXT    NOT NULL,
            hash          TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_time ON audit (time_ticks);
        CREATE INDEX IF NOT EXISTS audit_principal ON audit (principal, id);
        CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
        """;
}
