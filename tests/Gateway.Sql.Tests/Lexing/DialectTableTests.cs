using Gateway.Sql.Dialects;
using Gateway.Sql.Lexing;

namespace Gateway.Sql.Tests.Lexing;

/// <summary>The dialect registry and a few of the values each dialect changes.</summary>
public sealed class DialectTableTests
{
    [Theory]
    [InlineData(SqlDialectKind.Postgres)]
    [InlineData(SqlDialectKind.MySql)]
    [InlineData(SqlDialectKind.Sqlite)]
    public void Registry_returns_the_dialect_of_each_kind(SqlDialectKind kind)
    {
        Assert.True(SqlDialects.TryGet(kind, out var dialect));
        Assert.Equal(kind, dialect!.Kind);
        Assert.Same(dialect, SqlDialects.Get(kind));
    }

    [Fact]
    public void Sql_server_is_not_in_this_registry()
    {
        Assert.False(SqlDialects.TryGet(SqlDialectKind.SqlServer, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => SqlDialects.Get(SqlDialectKind.SqlServer));
    }

    [Fact]
    public void Dialects_differ_only_in_their_values()
    {
        Assert.True(SqlDialects.MySql.PipesAreOr);
        Assert.False(SqlDialects.Postgres.PipesAreOr);
        Assert.True(SqlDialects.Postgres.NestedBlockComments);
        Assert.False(SqlDialects.Sqlite.NestedBlockComments);
        Assert.True(SqlDialects.MySql.ExecutableComments);
        Assert.Equal(IdentifierQuoteStyles.Backtick, SqlDialects.MySql.IdentifierQuotes);
        Assert.True((SqlDialects.Sqlite.IdentifierQuotes & IdentifierQuoteStyles.Bracket) != 0);
        Assert.Equal("LIMIT", SqlDialects.Sqlite.RowLimitKeyword);
    }

    [Theory]
    [InlineData(SqlDialectKind.Postgres, nameof(Keyword.SELECT), true)]
    [InlineData(SqlDialectKind.Postgres, nameof(Keyword.ILIKE), true)]
    [InlineData(SqlDialectKind.MySql, nameof(Keyword.ILIKE), false)]
    [InlineData(SqlDialectKind.MySql, nameof(Keyword.STRAIGHT_JOIN), true)]
    [InlineData(SqlDialectKind.Sqlite, nameof(Keyword.GLOB), true)]
    [InlineData(SqlDialectKind.Postgres, nameof(Keyword.DATE), false)]
    public void Reserved_words_are_per_dialect(SqlDialectKind kind, string keyword, bool reserved)
    {
        Assert.Equal(reserved, SqlDialects.Get(kind).IsReserved(Enum.Parse<Keyword>(keyword)));
    }
}
