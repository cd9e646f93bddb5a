namespace Gateway.Audit;

/// <summary>The engines an audit trail can live in.</summary>
public enum AuditStoreKind
{
    /// <summary>An embedded file, <c>&lt;data-dir&gt;/audit.db</c> by default: one gateway (or several on one machine).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database: several gateway replicas append to one chain.</summary>
    Postgres,
}

/// <summary>
/// The configuration file's <c>audit</c> section: which store holds the trail and how to reach it. The PostgreSQL
/// password never sits in the file: it comes from <see cref="PasswordEnv"/> or <see cref="PasswordFile"/> (or
/// Npgsql's own <c>PGPASSWORD</c> / <c>Passfile</c>), and it is never logged or printed.
/// </summary>
public sealed record AuditStoreOptions
{
    /// <summary>Default <see cref="AuditStoreKind.Sqlite"/>.</summary>
    public AuditStoreKind Store { get; init; } = AuditStoreKind.Sqlite;

    /// <summary>SQLite only. The file; default <c>&lt;data-dir&gt;/audit.db</c>.</summary>
    public string? Path { get; init; }

    /// <summary>PostgreSQL only, required. An Npgsql connection string, e.g. <c>Host=db;Database=gateway;Username=gateway</c>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>PostgreSQL only. The environment variable holding the password. Not both with <see cref="PasswordFile"/>.</summary>
    public string? PasswordEnv { get; init; }

    /// <summary>PostgreSQL only. A file whose first line is the password (container secrets).</summary>
    public string? PasswordFile { get; init; }

    /// <summary>PostgreSQL only. The schema holding the trail's tables, created on first use. Default <c>public</c>.</summary>
    public string Schema { get; init; } = "public";
}
