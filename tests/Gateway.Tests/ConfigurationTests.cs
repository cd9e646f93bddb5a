using Gateway.Configuration;

namespace Gateway.Tests;

public sealed class ConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new("gateway-config-");

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text) => _dir.Write(name, text);

    [Fact]
    public async Task Yaml_and_json_files_bind_to_the_same_options()
    {
        var yaml = Write("gateway.yaml", "policy: /etc/gateway/strict.yaml\nsources:\n  - shop=sqlite:Data Source=shop.db\n  - wh=postgres:Host=127.0.0.1\n");
        var json = Write("gateway.json", """{"policy": "/etc/gateway/strict.yaml", "sources": ["shop=sqlite:Data Source=shop.db", "wh=postgres:Host=127.0.0.1"]}""");

        var fromYaml = GatewayConfigurationLoader.Bind(await GatewayConfigurationLoader.LoadAsync(yaml));
        var fromJson = GatewayConfigurationLoader.Bind(await GatewayConfigurationLoader.LoadAsync(json));

        Assert.Equal("/etc/gateway/strict.yaml", fromYaml.Policy);
        Assert.Equal(["shop=sqlite:Data Source=shop.db", "wh=postgres:Host=127.0.0.1"], fromYaml.Sources);
        Assert.Equal(fromYaml.Policy, fromJson.Policy);
        Assert.Equal(fromYaml.Sources, fromJson.Sources);
    }

    [Fact]
    public async Task Unknown_key_is_an_error_not_ignored()
    {
        var path = Write("typo.yaml", "polcy: strict.yaml\n");

        var ex = await Assert.ThrowsAsync<ConfigurationFileException>(async () =>
            GatewayConfigurationLoader.Bind(await GatewayConfigurationLoader.LoadAsync(path)));

        Assert.Contains("polcy", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Malformed_yaml_names_file_and_line()
    {
        var path = Write("bad.yaml", "policy: a\nsources: [unclosed\n");

        var ex = await Assert.ThrowsAsync<ConfigurationFileException>(() => GatewayConfigurationLoader.LoadAsync(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_names_file()
    {
        var path = Write("bad.json", "{\"policy\": ");

        var ex = await Assert.ThrowsAsync<ConfigurationFileException>(() => GatewayConfigurationLoader.LoadAsync(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_is_reported()
    {
        var ex = await Assert.ThrowsAsync<ConfigurationFileException>(() => GatewayConfigurationLoader.LoadAsync(Path.Combine(_dir.FullName, "absent.yaml")));

        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_and_upstreams_bind_from_yaml()
    {
        var path = Write("models.yaml", """
            models:
              sql-small:
                path: models/sql-small
                adapter: adapters/demo
                maxTokens: 256
            upstreams:
              vllm:
                models: [qwen2.5-7b, qwen2.5-coder]
                destinations: ["http://10.0.0.5:8000", "http://10.0.0.6:8000"]
                loadBalancing: LeastRequests
                healthCheck:
                  path: /health
                  interval: "00:00:05"
                  failureThreshold: 3
                apiKeyEnv: VLLM_API_KEY
            """);

        var options = GatewayConfigurationLoader.Bind(await GatewayConfigurationLoader.LoadAsync(path));
        var defaults = new ConfiguredDefaults(options, path);

        var model = defaults.Models()["sql-small"];
        Assert.Equal(Path.Combine(_dir.FullName, "models", "sql-small"), model.Path);
        Assert.Equal(Path.Combine(_dir.FullName, "adapters", "demo"), model.Adapter);
        Assert.Equal(256, model.MaxTokens);
        var upstream = defaults.Upstreams()["vllm"];
        Assert.Equal(["qwen2.5-7b", "qwen2.5-coder"], upstream.Models);
        Assert.Equal(["http://10.0.0.5:8000", "http://10.0.0.6:8000"], upstream.Destinations);
        Assert.Equal("LeastRequests", upstream.LoadBalancing);
        Assert.Equal("/health", upstream.HealthCheck.Path);
        Assert.Equal(TimeSpan.FromSeconds(5), upstream.HealthCheck.Interval);
        Assert.Equal(3, upstream.HealthCheck.FailureThreshold);
        Assert.Equal("VLLM_API_KEY", upstream.ApiKeyEnv);
    }

    [Fact]
    public async Task Unknown_key_inside_a_model_is_an_error()
    {
        var path = Write("typo-model.yaml", "models:\n  m:\n    path: x\n    adapterDir: y\n");

        var ex = await Assert.ThrowsAsync<ConfigurationFileException>(async () =>
            GatewayConfigurationLoader.Bind(await GatewayConfigurationLoader.LoadAsync(path)));

        Assert.Contains("adapterDir", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Bad_config_file_makes_validate_exit_with_usage_code()
    {
        var path = Write("typo.yaml", "polcy: strict.yaml\n");

        var (code, _, error) = await CliRunner.RunAsync("validate", "--config", path, "--dialect", "sqlite", "--sql", "SELECT 1");

        Assert.Equal(Cli.ExitCodes.Usage, code);
        Assert.Contains("polcy", error, StringComparison.OrdinalIgnoreCase);
    }
}
