using System.Net;
using System.Text.Json;

namespace Gateway.Api.Tests.Endpoints;

public sealed class AuditEndpointsTests
{
    private static async Task<GatewayServer> ServerWithRecordsAsync(int count)
    {
        var server = await GatewayServer.StartAsync();
        for (var i = 0; i < count; i++)
        {
            using var response = await server.ValidateAsync(i % 2 == 0
                ? new { dialect = "postgres", sql = "DROP TABLE users" }
                : (object)new { dialect = "cobol", sql = "SELECT 1" });
        }

        return server;
    }

    [Fact]
    public async Task Listing_filters_by_verdict()
    {
        await using var server = await ServerWithRecordsAsync(4);

        using var response = await server.GetAsync("/v1/audit?verdict=error");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var records = (await GatewayServer.JsonAsync(response)).GetProperty("records");
        Assert.Equal(2, records.GetArrayLength());
        Assert.All(records.EnumerateArray(), r => Assert.Equal("dialect.unknown", r.GetProperty("errorCode").GetString()));
    }

    [Fact]
    public async Task Cursor_walks_every_record_newest_first()
    {
        await using var server = await ServerWithRecordsAsync(5);

        var ids = new List<long>();
        string? cursor = null;
        do
        {
            using var response = await server.GetAsync("/v1/audit?limit=2" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            var page = await GatewayServer.JsonAsync(response);
            ids.AddRange(page.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([5L, 4L, 3L, 2L, 1L], ids);
    }

    [Fact]
    public async Task One_record_by_id_carries_its_hash_chain()
    {
        await using var server = await ServerWithRecordsAsync(2);

        using var response = await server.GetAsync("/v1/audit/2");

        var record = await GatewayServer.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, record.GetProperty("id").GetInt64());
        Assert.Equal((await server.Audit.GetAsync(1))!.Hash, record.GetProperty("previousHash").GetString());
    }

    [Fact]
    public async Task Missing_record_is_404_problem()
    {
        await using var server = await ServerWithRecordsAsync(1);

        using var response = await server.GetAsync("/v1/audit/99");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("audit.not_found", await GatewayServer.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Jsonl_export_streams_one_line_per_record()
    {
        await using var server = await ServerWithRecordsAsync(3);

        using var response = await server.GetAsync("/v1/audit/export?format=jsonl");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([1L, 2L, 3L], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Csv_export_has_a_header_and_one_row_per_record()
    {
        await using var server = await ServerWithRecordsAsync(2);

        using var response = await server.GetAsync("/v1/audit/export?format=csv&verdict=rejected");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,time,principal", lines[0], StringComparison.Ordinal);
        Assert.Single(lines.Skip(1));
    }

    [Theory]
    [InlineData("/v1/audit?verdict=maybe")]
    [InlineData("/v1/audit?limit=0")]
    [InlineData("/v1/audit?cursor=xyz")]
    [InlineData("/v1/audit?from=yesterday")]
    [InlineData("/v1/audit/export?format=xml")]
    public async Task Bad_query_is_a_400_problem(string path)
    {
        await using var server = await ServerWithRecordsAsync(1);

        using var response = await server.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("request.invalid", await GatewayServer.ProblemCodeAsync(response));
    }
}
