using System.Text.Json;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;

namespace Gateway.Execution.Tests.Engines;

/// <summary>Types one engine has and the others lack: each written faithfully.</summary>
public sealed class EngineSpecificTypeTests
{
    [SkippableFact]
    public async Task Postgres_zoned_timestamps_intervals_json_uuids_wide_numerics_and_arrays_are_faithful()
    {
        var source = Require(TestSources.PostgresVariable, SourceProvider.Postgres);

        var (kinds, json) = await FirstRowAsync(source, """
            SELECT TIMESTAMPTZ '2024-02-29 13:45:10+00' AS tz, INTERVAL '1 day 2 hours' AS iv, '{"a": [1, 2]}'::jsonb AS j,
                   '8a6e0804-2bd0-4672-b79d-d97027f9071a'::uuid AS u, 123456789012345678901234567890::numeric AS big,
                   ARRAY[1, 2, 3] AS arr, TIME '13:45:10' AS t
            """);

        Assert.Equal([ValueKind.DateTime, ValueKind.Interval, ValueKind.Json, ValueKind.Uuid, ValueKind.Decimal, ValueKind.Other, ValueKind.Time], kinds);
        Assert.Equal("""["2024-02-29T13:45:10Z","P1DT2H",{"a":[1,2]},"8a6e0804-2bd0-4672-b79d-d97027f9071a",123456789012345678901234567890,[1,2,3],"13:45:10"]""", json);
    }

    [SkippableFact]
    public async Task MariaDb_times_wide_decimals_and_unsigned_integers_are_faithful()
    {
        var source = Require(TestSources.MySqlVariable, SourceProvider.MySql);

        var (kinds, json) = await FirstRowAsync(source, """
            SELECT CAST('13:45:10' AS TIME) AS t, CAST('12345678901234567890123456789012345.5' AS DECIMAL(65,1)) AS big,
                   CAST(18446744073709551615 AS UNSIGNED) AS u, CAST('2024-02-29' AS DATE) AS d
            """);

        Assert.Equal([ValueKind.Time, ValueKind.Decimal, ValueKind.Integer, ValueKind.Date], kinds);
        Assert.Equal("""["13:45:10",12345678901234567890123456789012345.5,18446744073709551615,"2024-02-29"]""", json);
    }

    [SkippableFact]
    public async Task Postgres_numerics_beyond_decimal_come_back_with_every_digit()
    {
        var source = Require(TestSources.PostgresVariable, SourceProvider.Postgres);

        var (kinds, json) = await FirstRowAsync(source, """
            SELECT 0.123456789012345678901234567890123::numeric AS fine, -98765432109876543210987654321.5::numeric AS wide,
                   CAST(1.5 AS numeric(60,30)) AS scaled, 'NaN'::numeric AS nan, 12.50::numeric(12,2) AS plain
            """);

        Assert.All(kinds, kind => Assert.Equal(ValueKind.Decimal, kind));
        Assert.Equal("""[0.123456789012345678901234567890123,-98765432109876543210987654321.5,1.500000000000000000000000000000,"NaN",12.50]""", json);
    }

    [SkippableFact]
    public async Task Postgres_wide_numerics_in_a_table_column_stream_like_the_rest()
    {
        var source = Require(TestSources.PostgresVariable, SourceProvider.Postgres);

        var (_, json) = await FirstRowAsync(source, """
            SELECT v FROM (VALUES (CAST('123456789012345678901234567890.000000000000000000000000000001' AS numeric(70,30)))) AS t(v)
            """);

        Assert.Equal("[123456789012345678901234567890.000000000000000000000000000001]", json);
    }

    [SkippableFact]
    public async Task MariaDb_decimal_65_30_keeps_every_digit()
    {
        var source = Require(TestSources.MySqlVariable, SourceProvider.MySql);

        var (kinds, json) = await FirstRowAsync(source, """
            SELECT CAST('0.123456789012345678901234567890' AS DECIMAL(65,30)) AS fine,
                   CAST('-12345678901234567890123456789012345.123456789012345678901234567890' AS DECIMAL(65,30)) AS wide,
                   CAST('12.5' AS DECIMAL(65,30)) AS scaled, CAST('12.5' AS DECIMAL(12,2)) AS plain
            """);

        Assert.All(kinds, kind => Assert.Equal(ValueKind.Decimal, kind));
        Assert.Equal("""[0.123456789012345678901234567890,-12345678901234567890123456789012345.123456789012345678901234567890,12.500000000000000000000000000000,12.50]""", json);
    }

    private static SourceDescriptor Require(string variable, SourceProvider provider)
    {
        var source = TestSources.FromEnvironment(variable, provider, "engine");
        Skip.If(source is null, TestSources.SkipReason(variable));
        return source!;
    }

    private static async Task<(ValueKind[] Kinds, string Json)> FirstRowAsync(SourceDescriptor source, string sql)
    {
        using var buffer = new MemoryStream();
        ExecutionSummary summary;
        await using (var writer = new Utf8JsonWriter(buffer, ResultJson.WriterOptions))
        {
            writer.WriteStartObject();
            summary = await new QueryExecutor(source).ExecuteAsync(sql, new JsonRowsSink(writer), ExecutionOptions.Default);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return ([.. summary.Columns.Select(c => c.Kind)], document.RootElement.GetProperty("rows")[0].GetRawText());
    }
}
