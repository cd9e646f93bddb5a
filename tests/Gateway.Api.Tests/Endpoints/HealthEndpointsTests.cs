using System.Net;

namespace Gateway.Api.Tests.Endpoints;

public sealed class HealthEndpointsTests
{
    [Theory]
    [InlineData("/healthz", "ok")]
    [InlineData("/readyz", "ready")]
    public async Task Probe_answers_without_a_key_even_when_anonymous_is_off(string path, string status)
    {
        await using var server = await GatewayServer.StartAsync(o => o with { Anonymous = AnonymousMode.Off });

        using var response = await server.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(status, (await GatewayServer.JsonAsync(response)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Unknown_route_is_a_problem_with_a_code()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.GetAsync("/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await GatewayServer.ProblemCodeAsync(response));
    }
}
