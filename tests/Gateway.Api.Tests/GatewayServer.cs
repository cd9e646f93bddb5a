using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Audit.Keys;
using Gateway.Audit.Trail;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Api.Tests;

/// <summary>
/// The real gateway host on a loopback port chosen by the OS, with its own data directory; tests talk to it over
/// real HTTP and read its real audit store.
/// </summary>
internal sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayServer(WebApplication app, string dataDirectory, Uri address)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Address = address;
        Client = new HttpClient { BaseAddress = address };
    }

    public string DataDirectory { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IAuditStore Audit => _app.Services.GetRequiredService<IAuditStore>();

    public IApiKeyStore Keys => _app.Services.GetRequiredService<IApiKeyStore>();

    public IServiceProvider Services => _app.Services;

    public static async Task<GatewayServer> StartAsync(
        Func<GatewayApiOptions, GatewayApiOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        Action<Microsoft.Extensions.Configuration.IConfigurationManager>? configuration = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("gateway-api-").FullName;
        var options = new GatewayApiOptions { DataDirectory = dataDirectory, Urls = ["http://127.0.0.1:0"] };
        options = configure?.Invoke(options) ?? options;
        var app = await GatewayApiHost.BuildAsync(options, builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            services?.Invoke(builder.Services);
            configuration?.Invoke(builder.Configuration);
        });
        await app.StartAsync();
        var bound = GatewayApiHost.BoundAddresses(app)[0].Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        return new GatewayServer(app, dataDirectory, new Uri(bound));
    }

    public async Task<string> CreateKeyAsync(GatewayRoles roles, params string[] sources)
    {
        var created = await Keys.CreateAsync("test-" + roles.Format(), roles, sources.Length == 0 ? ["*"] : sources);
        return created.Secret;
    }

    public Task<HttpResponseMessage> ValidateAsync(object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/validate") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        return Client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a problem+json response and returns its <c>code</c>.</summary>
    public static async Task<string?> ProblemCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = await JsonAsync(response);
        Assert.Equal((int)response.StatusCode, json.GetProperty("status").GetInt32());
        return json.GetProperty("code").GetString();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind must not fail the test.
        }
    }
}
