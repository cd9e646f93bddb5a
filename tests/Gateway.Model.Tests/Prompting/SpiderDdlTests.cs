using Gateway.Evaluation.Spider.Data;
using Gateway.Model.Prompting;

namespace Gateway.Model.Tests.Prompting;

public sealed class SpiderDdlTests
{
    private static readonly SpiderSchema Concerts = new(
        "concert",
        [new SpiderTable(0, "singer", "singer"), new SpiderTable(1, "concert", "concert")],
        [
            new SpiderColumn(0, -1, "*", "*", "text"),
            new SpiderColumn(1, 0, "singer id", "Singer_ID", "number"),
            new SpiderColumn(2, 0, "name", "Name", "text"),
            new SpiderColumn(3, 1, "concert id", "concert_ID", "number"),
            new SpiderColumn(4, 1, "singer id", "Singer ID", "number"),
        ],
        [1, 3],
        [new SpiderForeignKey(4, 1)]);

    [Fact]
    public void Tables_render_with_original_names_and_sqlite_types()
    {
        var ddl = SpiderDdl.Render(Concerts);

        Assert.StartsWith("CREATE TABLE singer (\n  Singer_ID NUMERIC,\n  Name TEXT,\n  PRIMARY KEY (Singer_ID)\n);", ddl, StringComparison.Ordinal);
    }

    [Fact]
    public void Foreign_keys_reference_the_other_table_and_odd_names_are_quoted()
    {
        var ddl = SpiderDdl.Render(Concerts);

        Assert.Contains("FOREIGN KEY (\"Singer ID\") REFERENCES singer(Singer_ID)", ddl, StringComparison.Ordinal);
    }
}
