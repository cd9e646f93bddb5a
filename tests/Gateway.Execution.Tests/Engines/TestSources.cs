using Gateway.Execution.Sources;

namespace Gateway.Execution.Tests.Engines;

/// <summary>The servers .ci/services.sh starts on loopback, read from the GATEWAY_TEST_* variables it exports.</summary>
internal static class TestSources
{
    public const string PostgresVariable = "GATEWAY_TEST_POSTGRES";
    public const string MySqlVariable = "GATEWAY_TEST_MYSQL";
    public const string SqlServerVariable = "GATEWAY_TEST_SQLSERVER";

    public static SourceDescriptor? FromEnvironment(string variable, SourceProvider provider, string name)
    {
        var connectionString = Environment.GetEnvironmentVariable(variable);

        // In CI the PostgreSQL and MariaDB servers are part of the contract: a missing one fails, it never skips.
        if (string.IsNullOrWhiteSpace(connectionString) && variable != SqlServerVariable
            && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{variable} is not set in CI; .ci/services.sh should have exported it.");
        }

        return string.IsNullOrWhiteSpace(connectionString)
            ? null
            : new SourceDescriptor { Name = name, Provider = provider, ConnectionString = connectionString };
    }

    public static string SkipReason(string variable) => $"{variable} is not set; run `source .ci/services.sh` to start the test servers.";
}
