using Gateway.Audit.Keys;
using Gateway.Audit.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Audit.Tests.Keys;

public sealed class SqliteApiKeyStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteApiKeyStore _store;

    public SqliteApiKeyStoreTests() =>
        _store = new SqliteApiKeyStore(_dir.File("keys.db"), TimeProvider.System, NullLogger<SqliteApiKeyStore>.Instance);

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Created_key_is_prefixed_and_carries_at_least_32_random_bytes()
    {
        var created = await _store.CreateAsync("ci", GatewayRoles.Reader, ["*"]);

        Assert.StartsWith("gw_", created.Secret, StringComparison.Ordinal);
        Assert.True(System.Buffers.Text.Base64Url.DecodeFromChars(created.Secret.AsSpan(3)).Length >= 32);
    }

    [Fact]
    public async Task Created_key_authenticates_as_its_principal()
    {
        var created = await _store.CreateAsync("analytics", GatewayRoles.Reader | GatewayRoles.Analyst, ["shop", "hr"]);

        var principal = await _store.AuthenticateAsync(created.Secret);

        Assert.NotNull(principal);
        Assert.Equal("analytics", principal.Name);
        Assert.Equal(created.Info.Id, principal.KeyId);
        Assert.True(principal.HasRole(GatewayRoles.Analyst));
        Assert.False(principal.HasRole(GatewayRoles.Auditor));
        Assert.True(principal.CanUseSource("shop"));
        Assert.False(principal.CanUseSource("finance"));
    }

    [Fact]
    public async Task Secret_is_stored_only_as_a_hash()
    {
        var created = await _store.CreateAsync("ci", GatewayRoles.Reader, ["*"]);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var bytes = await File.ReadAllBytesAsync(_dir.File("keys.db"));
        var wal = File.Exists(_dir.File("keys.db-wal")) ? await File.ReadAllBytesAsync(_dir.File("keys.db-wal")) : [];

        var secret = System.Text.Encoding.UTF8.GetBytes(created.Secret);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(secret));
        Assert.Equal(-1, wal.AsSpan().IndexOf(secret));
    }

    [Fact]
    public async Task Revoked_key_no_longer_authenticates()
    {
        var created = await _store.CreateAsync("ci", GatewayRoles.Reader, ["*"]);

        Assert.True(await _store.RevokeAsync(created.Info.Id));

        Assert.Null(await _store.AuthenticateAsync(created.Secret));
        Assert.True(Assert.Single(await _store.ListAsync()).IsRevoked);
    }

    [Fact]
    public async Task Revoking_an_unknown_id_reports_false()
    {
        Assert.False(await _store.RevokeAsync("key_nope"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("gw_")]
    [InlineData("not-a-key")]
    [InlineData("gw_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_or_malformed_keys_do_not_authenticate(string presented)
    {
        await _store.CreateAsync("ci", GatewayRoles.Reader, ["*"]);

        Assert.Null(await _store.AuthenticateAsync(presented));
    }

    [Fact]
    public async Task Admin_role_implies_every_other_role()
    {
        var created = await _store.CreateAsync("root", GatewayRoles.Admin, ["*"]);

        var principal = await _store.AuthenticateAsync(created.Secret);

        Assert.True(principal!.HasRole(GatewayRoles.Auditor));
        Assert.True(principal.HasRole(GatewayRoles.Analyst));
    }
}
