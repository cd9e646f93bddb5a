using Gateway.Model.Training;

namespace Gateway.Model.Tests.Training;

public sealed class SqlTextTests
{
    [Theory]
    [InlineData("SELECT count(*) FROM singer;", "select count ( * ) from singer")]
    [InlineData("  select  COUNT( * )\nfrom Singer ", "select count ( * ) from singer")]
    public void Case_spacing_and_a_trailing_semicolon_do_not_matter(string sql, string normalized)
    {
        Assert.Equal(normalized, SqlText.Normalize(sql));
    }

    [Fact]
    public void Different_columns_stay_different()
    {
        Assert.NotEqual(SqlText.Normalize("SELECT name FROM t"), SqlText.Normalize("SELECT age FROM t"));
    }
}
