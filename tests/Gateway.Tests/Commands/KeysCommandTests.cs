using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

public sealed class KeysCommandTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("gateway-keys-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--data-dir", _dataDir]);

    private async Task<(string Id, string Key)> CreateAsync(string roles = "reader,analyst", string sources = "shop,hr")
    {
        var (code, output, _) = await RunAsync("keys", "create", "--name", "analytics", "--roles", roles, "--sources", sources, "--json");
        Assert.Equal(ExitCodes.Success, code);
        using var json = JsonDocument.Parse(output);
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("key").GetString()!);
    }

    [Fact]
    public async Task Create_prints_the_id_and_a_gw_key_as_json()
    {
        var (id, key) = await CreateAsync();

        Assert.StartsWith("key_", id, StringComparison.Ordinal);
        Assert.StartsWith("gw_", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_the_key_but_never_its_secret()
    {
        var (id, key) = await CreateAsync();

        var (jsonCode, json, _) = await RunAsync("keys", "list", "--json");
        var (textCode, text, _) = await RunAsync("keys", "list");

        Assert.Equal(ExitCodes.Success, jsonCode);
        Assert.Equal(ExitCodes.Success, textCode);
        using var listed = JsonDocument.Parse(json);
        var entry = Assert.Single(listed.RootElement.EnumerateArray());
        Assert.Equal(id, entry.GetProperty("id").GetString());
        Assert.Equal(["reader", "analyst"], entry.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain(key, json, StringComparison.Ordinal);
        Assert.DoesNotContain(key[3..], text, StringComparison.Ordinal);
        Assert.Contains(id, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_marks_the_key_revoked()
    {
        var (id, _) = await CreateAsync();

        var (code, _, _) = await RunAsync("keys", "revoke", id);
        var (_, json, _) = await RunAsync("keys", "list", "--json");

        Assert.Equal(ExitCodes.Success, code);
        using var listed = JsonDocument.Parse(json);
        Assert.NotEqual(JsonValueKind.Null, listed.RootElement[0].GetProperty("revoked").ValueKind);
    }

    [Fact]
    public async Task Revoking_an_unknown_id_is_an_input_error()
    {
        await CreateAsync();

        var (code, _, error) = await RunAsync("keys", "revoke", "key_000000000000");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no key has id", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_role_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("keys", "create", "--name", "x", "--roles", "reader,superuser");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("superuser", error, StringComparison.Ordinal);
    }
}
