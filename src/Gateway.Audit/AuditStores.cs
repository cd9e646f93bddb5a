using Gateway.Audit.Postgres;
using Gateway.Audit.Sqlite;
using Gateway.Audit.Trail;
using Microsoft.Extensions.Logging;

namespace Gateway.Audit;

/// <summary>Opens the store <see cref="GovernanceOptions.Audit"/> names, and checks its settings before a server starts.</summary>
public static class AuditStores
{
    public static IAuditStore Open(GovernanceOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        return options.Audit.Store switch
        {
            AuditStoreKind.Sqlite => new SqliteAuditStore(options.ResolvedAuditPath, time, loggers.CreateLogger<SqliteAuditStore>()),
            AuditStoreKind.Postgres => new PostgresAuditStore(options.Audit, time, loggers.CreateLogger<PostgresAuditStore>()),
            _ => throw new AuditConfigurationException($"audit.store '{options.Audit.Store}' is not sqlite or postgres."),
        };
    }

    /// <summary>
    /// What is wrong with the section, or null: settings for the other engine, a missing connection string, an unset
    /// password variable. Reaches no server; an unreachable database is found by the first append or <c>/readyz</c>.
    /// </summary>
    public static string? Problem(AuditStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Store)
        {
            case AuditStoreKind.Sqlite:
                return options.ConnectionString is not null || options.PasswordEnv is not null || options.PasswordFile is not null
                    ? "audit.connectionString, passwordEnv and passwordFile are for audit.store postgres; the sqlite store takes audit.path."
                    : null;
            case AuditStoreKind.Postgres:
                if (options.Path is not null)
                {
                    return "audit.path is for audit.store sqlite; the postgres store takes audit.connectionString.";
                }

                try
                {
                    PostgresAuditConnection.Resolve(options);
                    return null;
                }
                catch (AuditConfigurationException ex)
                {
                    return ex.Message;
                }

            default:
                return $"audit.store '{options.Store}' is not sqlite or postgres.";
        }
    }
}
