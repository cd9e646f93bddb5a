using Gateway.Evaluation.Spider.Data;

namespace Gateway.Evaluation.Tests.Spider.Data;

[Collection(SpiderDataGroup.Name)]
public sealed class SpiderDatasetTests(SpiderDataFixture data)
{
    [Fact]
    public void Dev_has_1034_questions_over_20_databases_with_gold_from_dev_gold_sql()
    {
        Assert.Equal(1034, data.Dev.Questions.Count);
        Assert.Equal(20, data.Dev.Questions.Select(q => q.DbId).Distinct().Count());
        Assert.Equal(new SpiderQuestion(0, "concert_singer", "How many singers do we have?", "SELECT count(*) FROM singer"), data.Dev.Questions[0]);
    }

    [Fact]
    public void Reads_schemas_with_original_names_types_and_keys()
    {
        var schema = data.Dev.Schemas["concert_singer"];

        Assert.Equal(["stadium", "singer", "concert", "singer_in_concert"], schema.Tables.Select(t => t.OriginalName));
        Assert.Equal(new SpiderColumn(0, -1, "*", "*", "text"), schema.Columns[0]);
        var singerId = schema.Columns.Single(c => c.TableIndex == 1 && c.OriginalName == "Singer_ID");
        Assert.Equal("singer id", singerId.Name);
        Assert.Contains(singerId.Index, schema.PrimaryKeys);
        Assert.Contains(schema.ForeignKeys, k => k.ReferencedColumnIndex == singerId.Index);
    }

    [Fact]
    public void Wta_1_has_a_schema_but_no_database_file()
    {
        Assert.True(data.Dev.Schemas.ContainsKey("wta_1"));
        Assert.False(data.Dev.HasDatabase("wta_1"));
        Assert.Equal(62, data.Dev.Questions.Count(q => q.DbId == "wta_1"));
    }

    [Fact]
    public async Task A_missing_folder_is_a_data_error()
    {
        await Assert.ThrowsAsync<SpiderDataException>(() => SpiderDataset.LoadAsync("/nonexistent/spider", SpiderSplit.Dev));
    }
}
