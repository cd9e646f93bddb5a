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
    public async Task Bad_config_file_makes_validate_exit_with_usage_code()
    {
        var path = Write("typo.yaml", "polcy: strict.yaml\n");

        var (code, _, error) = await CliRunner.RunAsync("validate", "--config", path, "--dialect", "sqlite", "--sql", "SELECT 1");

        Assert.Equal(Cli.ExitCodes.Usage, code);
        Assert.Contains("polcy", error, StringComparison.OrdinalIgnoreCase);
    }
}
