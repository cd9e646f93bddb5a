namespace Gateway.Audit.Tests;

/// <summary>The <c>audit</c> section's checks, made before a server starts; none reaches a database.</summary>
public sealed class AuditStoresTests
{
    private static readonly AuditStoreOptions PostgresSection = new() { Store = AuditStoreKind.Postgres, ConnectionString = "Host=db;Database=gateway;Username=gw" };

    [Fact]
    public void Default_section_is_the_embedded_store_and_valid()
    {
        Assert.Null(AuditStores.Problem(new AuditStoreOptions()));
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused()
    {
        Assert.Contains("audit.connectionString is required", AuditStores.Problem(PostgresSection with { ConnectionString = null }), StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_password_variable_is_named()
    {
        var problem = AuditStores.Problem(PostgresSection with { PasswordEnv = "GATEWAY_TEST_SURELY_UNSET_PW" });

        Assert.Contains("GATEWAY_TEST_SURELY_UNSET_PW, which is not set", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_variable_and_file_together_are_refused()
    {
        Assert.Contains("give one", AuditStores.Problem(PostgresSection with { PasswordEnv = "A", PasswordFile = "/x" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Password_in_the_string_and_in_a_file_is_refused_without_echoing_it()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("pw"), "from-file\n");

        var problem = AuditStores.Problem(PostgresSection with { ConnectionString = "Host=db;Username=gw;Password=in-string-pw", PasswordFile = directory.File("pw") });

        Assert.Contains("already holds a password", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("in-string-pw", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_password_file_is_named()
    {
        Assert.Contains("/nonexistent/pw does not exist", AuditStores.Problem(PostgresSection with { PasswordFile = "/nonexistent/pw" }), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Audit")]
    [InlineData("audit; drop")]
    [InlineData("9lives")]
    [InlineData("")]
    public void Schema_names_that_would_need_quoting_are_refused(string schema)
    {
        Assert.Contains("audit.schema", AuditStores.Problem(PostgresSection with { Schema = schema }), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_connection_string_is_refused_without_echoing_it()
    {
        var problem = AuditStores.Problem(PostgresSection with { ConnectionString = "Host=db;Passwrod=oops-secret" });

        Assert.Contains("not a valid Npgsql connection string", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("oops-secret", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_of_the_other_engine_are_refused()
    {
        Assert.NotNull(AuditStores.Problem(new AuditStoreOptions { ConnectionString = "Host=db" }));
        Assert.NotNull(AuditStores.Problem(PostgresSection with { Path = "audit.db" }));
    }

    [Fact]
    public void Password_from_a_file_is_its_first_line()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("pw"), "p@ss word\nignored\n");

        var connection = Gateway.Audit.Postgres.PostgresAuditConnection.Resolve(PostgresSection with { PasswordFile = directory.File("pw") });

        Assert.Equal("p@ss word", new Npgsql.NpgsqlConnectionStringBuilder(connection.ConnectionString).Password);
        Assert.Equal("postgres://gw@db:5432/gateway schema public", connection.Location);
    }
}
