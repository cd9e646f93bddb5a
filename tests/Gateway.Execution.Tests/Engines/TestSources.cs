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
        return string.IsNullOrWhiteSpace(connectionString)
            ? null
            : new SourceDescriptor { Name = name, Provider = provider, ConnectionString = connectionString };
    }

    public static string SkipReason(string variable) => $"{variable} is not set; run `source .ci/services.sh` to start the test servers.";
}
