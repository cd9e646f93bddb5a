using Gateway.Model.Tests.TextToSql.Synthesis;
using Gateway.Model.TextToSql;
using Gateway.Model.TextToSql.Synthesis;
using Gateway.Model.TextToSql.Training;

namespace Gateway.Model.Tests.TextToSql.Training;

public sealed class ExtraTrainingDataTests
{
    private static async Task<(string Spider, string Extra, int Rows)> SynthesizedFolderAsync(TempDirectory folder, ShopDatabase extra)
    {
        var spider = await SynthesisRunTests.SpiderFolderAsync(folder);
        var output = Path.Combine(folder.Path, "synth");
        var result = await SynthesisRun.RunAsync(
            new SynthesisRequest { SpiderDirectory = spider, OutputDirectory = output, Extra = [new ExtraDatabase(extra.Schema, extra.Path)], PerDatabase = 15 },
            TextWriter.Null, CancellationToken.None);
        return (spider, output, result.Rows);
    }

    [Fact]
    public async Task Extra_rows_become_training_examples_with_targets()
    {
        using var folder = new TempDirectory();
        using var shop = new ShopDatabase("extra_shop");
        var (spider, extra, rows) = await SynthesizedFolderAsync(folder, shop);

        var set = await ExtraTrainingData.BuildAsync(new PointerExampleBuilder(), [extra], spider, spiderExamples: 1000, share: 0.5, seed: 1, CancellationToken.None);

        Assert.Equal(rows, set.Examples.Count);
        Assert.All(set.Examples, e => Assert.NotNull(e.Target));
        Assert.Equal(["extra_shop", "shop_train"], set.Examples.Select(e => e.DbId).Distinct().Order(StringComparer.Ordinal));
        var record = Assert.Single(set.Folders);
        Assert.Equal((rows, rows, rows, 2), (record.Rows, record.Examples, record.Used, record.Databases));
    }

    [Fact]
    public async Task Cell_values_of_an_extra_database_come_from_the_folders_own_copy()
    {
        using var folder = new TempDirectory();
        using var shop = new ShopDatabase("extra_shop");
        var (spider, extra, _) = await SynthesizedFolderAsync(folder, shop);

        Assert.Equal(Path.Combine(extra, "database", "extra_shop", "extra_shop.sqlite"), ExtraTrainingData.DatabasePath(extra, spider, "extra_shop"));
        Assert.Equal(Path.Combine(spider, "database", "shop_train", "shop_train.sqlite"), ExtraTrainingData.DatabasePath(extra, spider, "shop_train"));
        Assert.Null(ExtraTrainingData.DatabasePath(extra, spider, "nowhere"));
    }

    [Fact]
    public async Task Extra_examples_are_sampled_down_to_their_share_of_the_training_set()
    {
        using var folder = new TempDirectory();
        using var shop = new ShopDatabase("extra_shop");
        var (spider, extra, rows) = await SynthesizedFolderAsync(folder, shop);

        // At most a quarter of spider + extra: 10 Spider examples leave room for 3 extra ones.
        var set = await ExtraTrainingData.BuildAsync(new PointerExampleBuilder(), [extra], spider, spiderExamples: 10, share: 0.25, seed: 1, CancellationToken.None);

        Assert.True(rows > 3);
        Assert.Equal(3, set.Examples.Count);
        Assert.Equal(3, set.Folders[0].Used);
        Assert.Equal(rows, set.Folders[0].Examples);
    }
}
