using Gateway.Execution.Sources;

namespace Gateway.Execution.Tests.Sources;

public sealed class SourceSpecParserTests
{
    [Fact]
    public void Parses_name_provider_and_connection_string()
    {
        var source = SourceSpecParser.Parse("shop=postgres:Host=db;Database=shop");

        Assert.Equal("shop", source.Name);
        Assert.Equal(SourceProvider.Postgres, source.Provider);
        Assert.Equal("Host=db;Database=shop", source.ConnectionString);
    }

    [Theory]
    [InlineData("maria=mariadb:Server=db", SourceProvider.MySql)]
    [InlineData("ms=mssql:Server=db", SourceProvider.SqlServer)]
    [InlineData("pg=PostgreSQL:Host=db", SourceProvider.Postgres)]
    public void Provider_aliases_are_accepted(string spec, SourceProvider expected)
    {
        Assert.Equal(expected, SourceSpecParser.Parse(spec).Provider);
    }

    [Fact]
    public void Bare_sqlite_path_becomes_a_data_source()
    {
        var source = SourceSpecParser.Parse("local=sqlite:/tmp/some.db");

        Assert.Equal("Data Source=/tmp/some.db", source.ConnectionString);
    }

    [Theory]
    [InlineData("postgres:Host=db", "NAME= part is missing")]
    [InlineData("1bad=postgres:Host=db", "not valid")]
    [InlineData("shop=Host=db", "has no provider")]
    [InlineData("shop=oracle:Host=db", "unknown provider 'oracle'")]
    [InlineData("shop=postgres:  ", "empty connection string")]
    public void Malformed_specs_are_refused_with_a_clear_message(string spec, string expected)
    {
        var error = Assert.Throws<SourceSpecException>(() => SourceSpecParser.Parse(spec));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_connection_string_message_never_quotes_the_password()
    {
        var error = Assert.Throws<SourceSpecException>(() => SourceSpecParser.Parse("shop=postgres:Host=db;Password=hunter2;Bogus Key=1"));

        Assert.Contains("shop", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=postgres:Host=db;Username=u;Password=hunter2")]
    [InlineData("a=mysql:Server=db;User ID=u;Password=hunter2")]
    [InlineData("a=sqlserver:Server=db;User ID=u;Password=hunter2")]
    [InlineData("a=sqlserver:Server=db;User ID=u;PWD=hunter2")]
    public void Display_form_drops_the_password(string spec)
    {
        var source = SourceSpecParser.Parse(spec);

        Assert.DoesNotContain("hunter2", source.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", source.DisplayConnectionString, StringComparison.Ordinal);
        Assert.StartsWith("a=", source.ToString(), StringComparison.Ordinal);
    }
}
