using System.Net;
using System.Net.Http.Headers;

namespace Gateway.Api.Tests.Security;

public sealed class LimitsTests
{
    [Fact]
    public async Task Requests_beyond_the_keys_limit_get_429_with_retry_after()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { RateLimitPermits = 2, RateLimitWindow = TimeSpan.FromMinutes(5) });
        var body = new { dialect = "sqlite", sql = "DROP TABLE t" };

        using var first = await server.ValidateAsync(body);
        using var second = await server.ValidateAsync(body);
        using var third = await server.ValidateAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.Equal("request.rate_limited", await GatewayServer.ProblemCodeAsync(third));
        var retryAfter = third.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 300);
    }

    [Fact]
    public async Task Each_key_has_its_own_bucket()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { RateLimitPermits = 1, RateLimitWindow = TimeSpan.FromMinutes(5) });
        var one = await server.CreateKeyAsync(Gateway.Audit.Keys.GatewayRoles.Reader);
        var two = await server.CreateKeyAsync(Gateway.Audit.Keys.GatewayRoles.Reader);
        var body = new { dialect = "sqlite", sql = "SELECT 1" };

        using var first = await server.ValidateAsync(body, one);
        using var other = await server.ValidateAsync(body, two);
        using var again = await server.ValidateAsync(body, one);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal((HttpStatusCode)429, again.StatusCode);
    }

    [Fact]
    public async Task Body_over_the_declared_limit_is_413()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { MaxRequestBodyBytes = 1024 });
        using var content = new StringContent($$"""{"dialect":"sqlite","sql":"SELECT '{{new string('x', 4096)}}'"}""");
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await server.Client.PostAsync("/v1/validate", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request.too_large", await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_413()
    {
        await using var server = await GatewayServer.StartAsync(o => o with { MaxRequestBodyBytes = 1024 });
        var bytes = System.Text.Encoding.UTF8.GetBytes($$"""{"dialect":"sqlite","sql":"SELECT '{{new string('x', 4096)}}'"}""");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/validate") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request.too_large", await GatewayServer.ProblemCodeAsync(response));
    }
}
