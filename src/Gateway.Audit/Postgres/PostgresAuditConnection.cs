using Npgsql;

namespace Gateway.Audit.Postgres;

/// <summary>
/// The PostgreSQL trail's connection settings, checked: the connection string with its password read from the
/// configured variable or file, the schema name, and a description for messages that leaves the password out.
/// </summary>
internal sealed record PostgresAuditConnection
{
    private PostgresAuditConnection(string connectionString, string schema, string location)
    {
        ConnectionString = connectionString;
        Schema = schema;
        Location = location;
    }

    /// <summary>Secret: holds the password. Only ever handed to Npgsql.</summary>
    public string ConnectionString { get; }

    public string Schema { get; }

    /// <summary><c>postgres://user@host:port/database schema S</c>.</summary>
    public string Location { get; }

    /// <summary>Throws <see cref="AuditConfigurationException"/> naming the setting at fault.</summary>
    public static PostgresAuditConnection Resolve(AuditStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new AuditConfigurationException("audit.connectionString is required when audit.store is postgres.");
        }

        if (!IsValidSchemaName(options.Schema))
        {
            throw new AuditConfigurationException($"audit.schema '{options.Schema}' is not valid: use lower-case letters, digits and '_', starting with a letter or '_' (at most 63).");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            // The builder's message may quote the string, password included; say only what kind of fault it is.
            throw new AuditConfigurationException("audit.connectionString is not a valid Npgsql connection string (a key or value is malformed).", ex);
        }

        if (options.PasswordEnv is not null && options.PasswordFile is not null)
        {
            throw new AuditConfigurationException("audit.passwordEnv and audit.passwordFile are alternatives: give one.");
        }

        if (ReadPassword(options) is { } password)
        {
            if (!string.IsNullOrEmpty(builder.Password))
            {
                throw new AuditConfigurationException("audit.connectionString already holds a password; remove it, or drop audit.passwordEnv/passwordFile.");
            }

            builder.Password = password;
        }

        builder.ApplicationName ??= "gateway-audit";
        var location = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database} schema {options.Schema}";
        return new PostgresAuditConnection(builder.ConnectionString, options.Schema, location);
    }

    private static string? ReadPassword(AuditStoreOptions options)
    {
        if (options.PasswordEnv is { } variable)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            return string.IsNullOrEmpty(value)
                ? throw new AuditConfigurationException($"audit.passwordEnv names {variable}, which is not set.")
                : value;
        }

        if (options.PasswordFile is { } path)
        {
            if (!File.Exists(path))
            {
                throw new AuditConfigurationException($"audit.passwordFile {path} does not exist.");
            }

            var line = File.ReadLines(path).FirstOrDefault()?.TrimEnd('\r', '\n');
            return string.IsNullOrEmpty(line) ? throw new AuditConfigurationException($"audit.passwordFile {path} is empty.") : line;
        }

        return null;
    }

    /// <summary>Names that need no quoting and fold to themselves, so the schema reads the same in psql as here.</summary>
    private static bool IsValidSchemaName(string? name) =>
        name is { Length: > 0 and <= 63 }
        && (char.IsAsciiLetterLower(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
}
