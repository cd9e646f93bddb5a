namespace Gateway.Audit;

/// <summary>Where governance state lives. Bound from configuration or set by the command line.</summary>
public sealed record GovernanceOptions
{
    /// <summary>Required. The gateway's data directory; <c>audit.db</c> (by default) and <c>keys.db</c> live there.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Optional. The audit trail's store; default: SQLite at <c>&lt;data-dir&gt;/audit.db</c>.</summary>
    public AuditStoreOptions Audit { get; init; } = new();

    /// <summary>Optional. Key database path; default <c>&lt;data-dir&gt;/keys.db</c>.</summary>
    public string? KeysPath { get; init; }

    /// <summary>The SQLite audit file (used when <see cref="Audit"/> names SQLite).</summary>
    public string ResolvedAuditPath => Audit.Path ?? Path.Combine(DataDirectory, Sqlite.SqliteAuditStore.FileName);

    public string ResolvedKeysPath => KeysPath ?? Path.Combine(DataDirectory, Sqlite.SqliteApiKeyStore.FileName);
}
