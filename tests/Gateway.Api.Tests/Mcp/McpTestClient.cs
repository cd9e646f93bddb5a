using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Gateway.Api.Tests.Mcp;

/// <summary>A real MCP client (streamable HTTP) on a test gateway's <c>/mcp</c>, and readers for what its tools return.</summary>
internal static class McpTestClient
{
    /// <param name="key">Sent as a bearer token; without one the call is anonymous.</param>
    public static async Task<McpClient> ConnectAsync(GatewayServer server, string? key = null)
    {
        var options = new HttpClientTransportOptions { Endpoint = new Uri(server.Address, "/mcp"), TransportMode = HttpTransportMode.StreamableHttp };
        if (key is not null)
        {
            options.AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {key}" };
        }

        return await McpClient.CreateAsync(new HttpClientTransport(options));
    }

    /// <summary>A tool's JSON answer: its structured content, else its one text block parsed.</summary>
    public static JsonElement Payload(CallToolResult result) =>
        result.StructuredContent is { } structured ? structured : JsonDocument.Parse(Text(result)).RootElement.Clone();

    /// <summary>The one text block of a result (a tool error's message, DDL).</summary>
    public static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
}
