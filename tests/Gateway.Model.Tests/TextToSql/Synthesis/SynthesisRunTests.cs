using System.Text.Json;
using Gateway.Evaluation.Spider.Data;
using Gateway.Model.TextToSql.Synthesis;

namespace Gateway.Model.Tests.TextToSql.Synthesis;

public sealed class SynthesisRunTests
{
    /// <summary>
    /// A Spider folder whose training split names <c>shop_train</c> and whose dev split names <c>shop_dev</c>; both
    /// databases exist. <c>dev.json</c> is not even JSON, so a run that opened it would fail.
    /// </summary>
    internal static async Task<string> SpiderFolderAsync(TempDirectory folder)
    {
        var spider = Path.Combine(folder.Path, "spider");
        foreach (var db in new[] { "shop_train", "shop_dev" })
        {
            Directory.CreateDirectory(Path.Combine(spider, "database", db));
            ShopDatabase.Write(Path.Combine(spider, "database", db, db + ".sqlite"));
        }

        await SpiderTablesWriter.WriteAsync(Path.Combine(spider, "tables.json"), [ShopDatabase.SchemaFor("shop_train"), ShopDatabase.SchemaFor("shop_dev")], CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(spider, "train_spider.json"), """[{"question": "How many orders?", "query": "SELECT count(*) FROM orders", "db_id": "shop_train"}]""");
        await File.WriteAllTextAsync(Path.Combine(spider, "dev.json"), "the measure: never read");
        return spider;
    }

    [Fact]
    public async Task Only_training_databases_and_the_extra_ones_are_synthesized_for()
    {
        using var folder = new TempDirectory();
        using var extra = new ShopDatabase("extra_shop");
        var spider = await SpiderFolderAsync(folder);
        var output = Path.Combine(folder.Path, "out");

        var result = await SynthesisRun.RunAsync(
            new SynthesisRequest { SpiderDirectory = spider, OutputDirectory = output, Extra = [new ExtraDatabase(extra.Schema, extra.Path)], PerDatabase = 20 },
            TextWriter.Null, CancellationToken.None);

        var rows = await SpiderQuestionReader.ReadFileAsync(Path.Combine(output, SynthesisRun.TrainFile));
        var schemas = await SpiderSchemaReader.ReadFileAsync(Path.Combine(output, SynthesisRun.TablesFile));
        Assert.Equal(["extra_shop", "shop_train"], rows.Select(r => r.DbId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(["extra_shop", "shop_train"], schemas.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(result.Rows, rows.Count);
        Assert.DoesNotContain(rows, r => r.GoldSql.Contains("shop_dev", StringComparison.Ordinal) || r.Question.Contains("shop_dev", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_extra_database_is_copied_into_the_output_and_its_schema_reads_back_unchanged()
    {
        using var folder = new TempDirectory();
        using var extra = new ShopDatabase("extra_shop");
        var spider = await SpiderFolderAsync(folder);
        var output = Path.Combine(folder.Path, "out");

        await SynthesisRun.RunAsync(
            new SynthesisRequest { SpiderDirectory = spider, OutputDirectory = output, Extra = [new ExtraDatabase(extra.Schema, extra.Path)], PerDatabase = 5, SpiderDatabases = 0 },
            TextWriter.Null, CancellationToken.None);

        var copy = Path.Combine(output, "database", "extra_shop", "extra_shop.sqlite");
        Assert.Equal(await File.ReadAllBytesAsync(extra.Path), await File.ReadAllBytesAsync(copy));
        var schema = (await SpiderSchemaReader.ReadFileAsync(Path.Combine(output, SynthesisRun.TablesFile)))["extra_shop"];
        Assert.Equal(extra.Schema.Tables, schema.Tables);
        Assert.Equal(extra.Schema.Columns, schema.Columns);
        Assert.Equal(extra.Schema.PrimaryKeys, schema.PrimaryKeys);
        Assert.Equal(extra.Schema.ForeignKeys, schema.ForeignKeys);
    }

    [Fact]
    public async Task The_report_counts_kept_pairs_per_template_and_carries_the_licence()
    {
        using var folder = new TempDirectory();
        var spider = await SpiderFolderAsync(folder);
        var output = Path.Combine(folder.Path, "out");

        var result = await SynthesisRun.RunAsync(new SynthesisRequest { SpiderDirectory = spider, OutputDirectory = output, PerDatabase = 20 }, TextWriter.Null, CancellationToken.None);

        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, SynthesisRun.ReportFile)));
        Assert.Contains("CC BY-SA 4.0", report.RootElement.GetProperty("licence").GetString(), StringComparison.Ordinal);
        Assert.Equal(result.Rows, report.RootElement.GetProperty("report").GetProperty("templates").EnumerateObject().Sum(t => t.Value.GetProperty("kept").GetInt32()));
        Assert.Equal(result.Rows, result.Report.Databases["shop_train"]);
    }

    [Fact]
    public async Task An_extra_database_may_not_take_a_Spider_database_id()
    {
        using var folder = new TempDirectory();
        using var extra = new ShopDatabase("shop_train");
        var spider = await SpiderFolderAsync(folder);

        var request = new SynthesisRequest { SpiderDirectory = spider, OutputDirectory = Path.Combine(folder.Path, "out"), Extra = [new ExtraDatabase(extra.Schema, extra.Path)] };

        var error = await Assert.ThrowsAsync<SpiderDataException>(() => SynthesisRun.RunAsync(request, TextWriter.Null, CancellationToken.None));
        Assert.Contains("shop_train", error.Message, StringComparison.Ordinal);
    }
}
