using Gateway.Audit;
using Npgsql;
using Xunit;

namespace Gateway.Testing;

/// <summary>
/// The PostgreSQL server .ci/services.sh starts (<c>GATEWAY_TEST_POSTGRES</c>, the database owner's login). Each test
/// gets a schema of its own, dropped afterwards, so tests never see each other's trails. Shared by the audit store,
/// command-line and HTTP tests.
/// </summary>
internal static class TestPostgres
{
    public const string Variable = "GATEWAY_TEST_POSTGRES";
    public const string ReadOnlyVariable = "GATEWAY_TEST_POSTGRES_RO";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static void SkipUnlessAvailable()
    {
        // In CI the server is part of the contract: a missing one fails, it never skips.
        if (ConnectionString is null && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Variable} is not set in CI; .ci/services.sh should have exported it.");
        }

        Skip.If(ConnectionString is null, $"{Variable} is not set; run `source .ci/services.sh` to start the test servers.");
    }

    public static string NewSchemaName() => "audit_t_" + Guid.NewGuid().ToString("N")[..12];

    public static AuditStoreOptions AuditOptions(string schema, string? connectionString = null) => new()
    {
        Store = AuditStoreKind.Postgres,
        ConnectionString = connectionString ?? ConnectionString,
        Schema = schema,
    };

    /// <summary>Runs SQL on a connection of the test's own, outside any store.</summary>
    public static async Task ExecuteAsync(string sql, string? connectionString = null, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public static async Task DropSchemaAsync(string schema)
    {
        if (ConnectionString is not null)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        }
    }
}
