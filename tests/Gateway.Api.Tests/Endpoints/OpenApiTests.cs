using System.Net;

namespace Gateway.Api.Tests.Endpoints;

public sealed class OpenApiTests
{
    [Fact]
    public async Task Openapi_document_describes_the_v1_endpoints()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await GatewayServer.JsonAsync(response)).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/validate", out _));
        Assert.True(paths.TryGetProperty("/v1/audit/export", out _));
    }

    [Fact]
    public async Task Openapi_document_declares_the_api_key_schemes()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.GetAsync("/openapi/v1.json");

        var document = await GatewayServer.JsonAsync(response);
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-API-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());
    }

    [Fact]
    public async Task Api_reference_page_is_html()
    {
        await using var server = await GatewayServer.StartAsync();

        using var response = await server.GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
