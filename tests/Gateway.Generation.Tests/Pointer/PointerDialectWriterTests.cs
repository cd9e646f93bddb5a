using Gateway.Generation.Pointer;
using Gateway.Sql.Dialects;

namespace Gateway.Generation.Tests.Pointer;

public sealed class PointerDialectWriterTests
{
    [Fact]
    public void Sqlite_output_is_kept_as_the_model_wrote_it()
    {
        const string sql = "SELECT name FROM \"order\" WHERE city = 'Paris' LIMIT 3";

        Assert.Equal(new DialectSql(sql, null), PointerDialectWriter.Write(sql, SqlDialectKind.Sqlite));
    }

    [Fact]
    public void Postgres_quotes_names_with_capitals_so_they_are_not_folded()
    {
        var written = PointerDialectWriter.Write("SELECT count(*) FROM Customers WHERE FullName = 'Ann' LIMIT 1", SqlDialectKind.Postgres);

        Assert.Equal("SELECT count(*) FROM \"Customers\" WHERE \"FullName\" = 'Ann' LIMIT 1", written.Sql);
    }

    [Fact]
    public void Mysql_writes_quoted_names_with_backticks_and_leaves_strings_alone()
    {
        var written = PointerDialectWriter.Write("SELECT T1.name FROM \"order\" AS T1 WHERE T1.note = 'say \"hi\"'", SqlDialectKind.MySql);

        Assert.Equal("SELECT T1.name FROM `order` AS T1 WHERE T1.note = 'say \"hi\"'", written.Sql);
    }

    [Fact]
    public void Sql_server_moves_limit_to_top_after_select_and_distinct()
    {
        var written = PointerDialectWriter.Write("SELECT DISTINCT name FROM \"order\" ORDER BY total DESC LIMIT 5", SqlDialectKind.SqlServer);

        Assert.Equal("SELECT DISTINCT TOP 5 name FROM [order] ORDER BY total DESC", written.Sql);
    }

    [Fact]
    public void Sql_server_rewrites_a_limit_inside_a_subquery_in_that_subquery()
    {
        var written = PointerDialectWriter.Write("SELECT name FROM p WHERE price = (SELECT price FROM p ORDER BY price DESC LIMIT 1)", SqlDialectKind.SqlServer);

        Assert.Equal("SELECT name FROM p WHERE price = (SELECT TOP 1 price FROM p ORDER BY price DESC)", written.Sql);
    }

    [Fact]
    public void Sql_server_refuses_a_limit_on_a_compound_query_and_says_why()
    {
        var written = PointerDialectWriter.Write("SELECT a FROM t UNION SELECT a FROM u LIMIT 2", SqlDialectKind.SqlServer);

        Assert.Null(written.Sql);
        Assert.Contains("SQL Server", written.Refusal, StringComparison.Ordinal);
    }
}
