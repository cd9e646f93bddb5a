using System.Text.Json;
using Gateway.Cli;

namespace Gateway.Tests.Commands;

/// <summary><c>gateway sql --policy FILE</c> with <c>columns: {mask: [customers.email]}</c> on the demo database.</summary>
public sealed class SqlCommandMaskTests : IClassFixture<DemoDataDirFixture>, IDisposable
{
    private readonly string _dataDir;
    private readonly string _policy = Path.Combine(Path.GetTempPath(), $"gateway-mask-{Guid.NewGuid():N}.yaml");

    public SqlCommandMaskTests(DemoDataDirFixture fixture)
    {
        _dataDir = fixture.DataDir;
        File.WriteAllText(_policy, "columns:\n  mask: [customers.email]\n");
    }

    public void Dispose() => File.Delete(_policy);

    [Fact]
    public async Task Json_output_masks_every_email_and_keeps_nulls()
    {
        var (code, output, error) = await RunAsync("--json", "SELECT c.customer_id, c.email FROM customers c ORDER BY c.customer_id");

        Assert.True(code == ExitCodes.Success, error);
        using var document = JsonDocument.Parse(output);
        var emails = document.RootElement.GetProperty("rows").EnumerateArray().Select(row => row[1]).ToList();
        Assert.All(emails, email => Assert.True(email.ValueKind == JsonValueKind.Null || email.GetString() == "***", email.GetRawText()));
        Assert.Contains(emails, email => email.ValueKind == JsonValueKind.String);
        Assert.True(document.RootElement.GetProperty("columns")[1].GetProperty("masked").GetBoolean());
        Assert.DoesNotContain("@", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Star_query_table_output_masks_the_email_column()
    {
        var (code, output, error) = await RunAsync("SELECT * FROM customers LIMIT 20");

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("***", output, StringComparison.Ordinal);
        Assert.DoesNotContain("@", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filtering_on_a_masked_column_is_rejected_before_the_source_is_touched()
    {
        var (code, output, _) = await RunAsync("SELECT customer_id FROM customers WHERE email LIKE 'a%'");

        Assert.Equal(ExitCodes.Rejected, code);
        Assert.Contains("column.masked", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_policy_emails_are_returned()
    {
        var (code, output, error) = await CliRunner.RunAsync(["sql", "--data-dir", _dataDir, "SELECT email FROM customers WHERE email IS NOT NULL LIMIT 1"]);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains("@", output, StringComparison.Ordinal);
    }

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(["sql", "--data-dir", _dataDir, "--policy", _policy, .. args]);
}
