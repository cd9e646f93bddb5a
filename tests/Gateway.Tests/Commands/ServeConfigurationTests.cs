using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

/// <summary><c>gateway serve</c> and <c>gateway sql</c> reading their settings from a YAML configuration file.</summary>
public sealed class ServeConfigurationTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("gateway-serve-config-").FullName;

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

    private string WriteConfig(string yaml)
    {
        var path = Path.Combine(_dataDir, "gateway.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static async Task WaitUntilUpAsync(HttpClient client, Task running)
    {
        for (var attempt = 0; attempt < 400 && !running.IsCompleted; attempt++)
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
    public async Task Serve_without_flags_takes_urls_from_the_config_and_runs_sql_on_the_demo_database_anonymously()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var config = WriteConfig($"serve:\n  urls:\n    - {url}\n  rateLimit: 1000\n");
        using var stop = new CancellationTokenSource();
        var serving = CliRunner.RunAsync(["serve", "--config", config, "--data-dir", _dataDir], stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        await WaitUntilUpAsync(client, serving);

        using var response = await client.PostAsJsonAsync("/v1/sql", new { source = "demo", sql = "SELECT region_id, name FROM regions ORDER BY region_id" });
        var body = await response.Content.ReadAsStringAsync();
        await stop.CancelAsync();
        var (code, _, _) = await serving;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("row_count").GetInt64() > 0);
        Assert.Equal(ExitCodes.Success, code);
        var (_, audit, _) = await CliRunner.RunAsync("audit", "verify", "--data-dir", _dataDir);
        Assert.Contains("intact: 1 records", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_takes_anonymous_off_from_the_config()
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var config = WriteConfig($"serve:\n  urls: [{url}]\n  anonymous: off\n");
        using var stop = new CancellationTokenSource();
        var serving = CliRunner.RunAsync(["serve", "--config", config, "--data-dir", _dataDir], stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        await WaitUntilUpAsync(client, serving);

        using var response = await client.PostAsJsonAsync("/v1/sql", new { source = "demo", sql = "SELECT 1" });
        await stop.CancelAsync();
        await serving;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Serve_serves_the_config_files_models_with_paths_relative_to_the_file()
    {
        using var model = new TinyModelFolder();
        await model.InitAsync();
        Directory.Move(model.Model, Path.Combine(_dataDir, "tiny"));
        var url = $"http://127.0.0.1:{FreePort()}";
        var config = WriteConfig($"serve:\n  urls: [{url}]\nmodels:\n  tiny:\n    path: tiny\n    maxTokens: 4\n");
        using var stop = new CancellationTokenSource();
        var serving = CliRunner.RunAsync(["serve", "--config", config, "--data-dir", _dataDir], stop.Token);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        await WaitUntilUpAsync(client, serving);

        using var response = await client.PostAsJsonAsync("/v1/chat/completions", new { model = "tiny", messages = new[] { new { role = "user", content = "hi" } } });
        var body = await response.Content.ReadAsStringAsync();
        await stop.CancelAsync();
        await serving;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        Assert.InRange(json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 1, 4);
    }

    [Fact]
    public async Task Model_folder_that_does_not_exist_is_a_usage_error()
    {
        var config = WriteConfig("models:\n  sql:\n    path: no-such-model\n");

        var (code, _, error) = await CliRunner.RunAsync("serve", "--config", config, "--data-dir", _dataDir);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("models.sql", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_serve_key_in_the_config_is_a_usage_error()
    {
        var config = WriteConfig("serve:\n  port: 80\n");

        var (code, _, error) = await CliRunner.RunAsync("serve", "--config", config, "--data-dir", _dataDir);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("port", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sql_uses_the_policy_named_in_the_config_file()
    {
        File.WriteAllText(Path.Combine(_dataDir, "strict.yaml"), "tables:\n  deny: [customers]\n");
        var config = WriteConfig("policy: strict.yaml\n");

        var (code, output, _) = await CliRunner.RunAsync("sql", "SELECT name FROM customers", "--config", config, "--data-dir", _dataDir, "--json");

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("customers", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_policy_flag_wins_over_the_config_file()
    {
        File.WriteAllText(Path.Combine(_dataDir, "strict.yaml"), "tables:\n  deny: [customers]\n");
        var config = WriteConfig("policy: strict.yaml\n");

        var (code, _, error) = await CliRunner.RunAsync("sql", "SELECT name FROM customers", "--config", config, "--policy", "/nonexistent/policy.yaml", "--data-dir", _dataDir);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("nonexistent", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sources_lists_the_config_files_sources_without_passwords()
    {
        var config = WriteConfig("sources:\n  - shop=postgres:Host=127.0.0.1;Database=shop;Username=u;Password=hunter2\n");

        var (code, output, _) = await CliRunner.RunAsync("sources", "--config", config, "--data-dir", _dataDir);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("shop\tpostgres", output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output, StringComparison.Ordinal);
    }
}
