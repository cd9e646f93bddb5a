using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class ServeCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("gateway-serve-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilUpAsync(HttpClient client, Task running)
    {
        for (var attempt = 0; attempt < 200 && !running.IsCompleted; attempt++)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        Assert.Fail("gateway serve did not come up: " + (running.IsCompleted ? (await (Task<(int, string, string)>)running).ToString() : "timeout"));
    }

    [Fact]
    public async Task Malformed_source_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("serve", "--source", "nonsense", "--data-dir", _dataDir);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("NAME=PROVIDER:CONNECTION_STRING", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_already_in_use_is_a_runtime_error()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var (code, _, error) = await CliRunner.RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", _dataDir);

        Assert.Equal(ExitCodes.Runtime, code);
        Assert.Contains("cannot listen", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_made_by_the_cli_work_against_serve_until_revoked_and_everything_is_audited()
    {
        var (_, created, _) = await CliRunner.RunAsync("keys", "create", "--name", "ops", "--roles", "reader", "--json", "--data-dir", _dataDir);
        using var createdJson = JsonDocument.Parse(created);
        var key = createdJson.RootElement.GetProperty("key").GetString()!;
        var id = createdJson.RootElement.GetProperty("id").GetString()!;

        var url = $"http://127.0.0.1:{FreePort()}";
        using var stop = new CancellationTokenSource();
        var serving = CliRunner.RunAsync(["serve", "--urls", url, "--anonymous", "off", "--data-dir", _dataDir], stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        await WaitUntilUpAsync(client, serving);

        var withoutKey = await SendAsync(client, null);
        var withKey = await SendAsync(client, key);
        await CliRunner.RunAsync("keys", "revoke", id, "--data-dir", _dataDir);
        var afterRevoke = await SendAsync(client, key);

        await stop.CancelAsync();
        var (code, output, _) = await serving;

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey);
        Assert.Equal(HttpStatusCode.OK, withKey);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke);
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("listening on", output, StringComparison.Ordinal);
        var (verifyCode, verify, _) = await CliRunner.RunAsync("audit", "verify", "--data-dir", _dataDir);
        Assert.Equal(ExitCodes.Success, verifyCode);
        Assert.Contains("intact: 1 records", verify, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/validate")
        {
            Content = JsonContent.Create(new { dialect = "postgres", sql = "DROP TABLE users" }),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
