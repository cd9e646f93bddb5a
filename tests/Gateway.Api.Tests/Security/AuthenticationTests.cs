using System.Net;
using Gateway.Api.Security;
using Gateway.Audit.Keys;

namespace Gateway.Api.Tests.Security;

public sealed class AuthenticationTests
{
    private static readonly object DropTable = new { dialect = "sqlite", sql = "DROP TABLE t" };

    [Fact]
    public async Task No_key_on_a_loopback_bind_acts_as_local()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.ValidateAsync(DropTable);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await server.Audit.GetAsync((await GatewayServer.JsonAsync(response)).GetProperty("auditId").GetInt64());
        Assert.Equal("local", record!.Principal);
    }

    [Fact]
    public async Task No_key_with_anonymous_off_is_401_with_a_challenge()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });

        using var response = await server.ValidateAsync(DropTable);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.missing_key", await GatewayServer.ProblemCodeAsync(response));
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Non_loopback_bind_turns_anonymous_off()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Urls = ["http://0.0.0.0:0"] });

        using var response = await server.ValidateAsync(DropTable);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Valid_key_is_accepted_as_bearer_and_as_x_api_key()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Reader | GatewayRoles.Auditor);

        using var bearer = await server.ValidateAsync(DropTable, key);
        using var header = await server.GetAsync("/v1/audit", key);

        Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        var record = await server.Audit.GetAsync((await GatewayServer.JsonAsync(bearer)).GetProperty("auditId").GetInt64());
        Assert.Equal("test-reader,auditor", record!.Principal);
    }

    [Fact]
    public async Task Revoked_key_is_401_even_where_anonymous_would_be_allowed()
    {
        await using var server = await GatewayServer.StartAsync();
        var created = await server.Keys.CreateAsync("ci", GatewayRoles.Reader, ["*"]);
        await server.Keys.RevokeAsync(created.Info.Id);

        using var response = await server.ValidateAsync(DropTable, created.Secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.invalid_key", await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Reader_calling_the_audit_trail_is_403()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Reader);

        using var response = await server.GetAsync("/v1/audit", key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("auth.forbidden", await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Admin_key_may_read_the_audit_trail()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });
        var key = await server.CreateKeyAsync(GatewayRoles.Admin);

        using var response = await server.GetAsync("/v1/audit", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", true)]
    [InlineData("http://[::1]:8080", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://0.0.0.0:8080", false)]
    [InlineData("http://[::]:8080", false)]
    [InlineData("http://*:8080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://192.168.1.10:8080", false)]
    public void Loopback_is_only_literal_loopback_or_localhost(string address, bool loopback)
    {
        Assert.Equal(loopback, AnonymousAccess.IsLoopback(address));
    }
}
