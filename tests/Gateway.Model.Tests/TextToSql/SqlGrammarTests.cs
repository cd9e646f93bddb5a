using Gateway.Model.TextToSql;
using static Gateway.Model.Tests.TextToSql.ConcertDatabase;

namespace Gateway.Model.Tests.TextToSql;

public sealed class SqlGrammarTests
{
    private static readonly PointerExample Values = Example(Number("1"), Text("France"), Number("40"), Number("2014"));

    private static SqlAction Keyword(string name) => SqlKeywords.Action(name);

    private static SqlAction Column(int index) => new(SqlActionKind.Column, index);

    private static SqlAction Table(int index) => new(SqlActionKind.Table, index);

    private static bool Allows(AllowedActions allowed, SqlAction action) => action.Kind switch
    {
        SqlActionKind.Keyword => allowed.Keywords[action.Index],
        SqlActionKind.Column => allowed.Columns[action.Index],
        SqlActionKind.Table => allowed.Tables[action.Index],
        _ => allowed.Values,
    };

    [Theory]
    [InlineData("SELECT count(*) FROM singer")]
    [InlineData("SELECT country, count(*) FROM singer GROUP BY country HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 1")]
    [InlineData("SELECT T1.name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.singer_id = T2.singer_id WHERE T1.age BETWEEN 1 AND 40 AND T1.country = 'France'")]
    [InlineData("SELECT name FROM singer WHERE singer_id NOT IN (SELECT singer_id FROM singer_in_concert) EXCEPT SELECT name FROM singer WHERE age > 40")]
    [InlineData("SELECT age - singer_id, max(age), count(DISTINCT country) FROM singer")]
    public void The_gold_sequence_is_allowed_at_every_step(string gold)
    {
        var result = SqlLinearizer.Linearize(Schema, Values.Values, gold);
        Assert.True(result.Succeeded, result.Failure?.Detail);
        var actions = result.Actions!;

        var state = SqlGrammarState.Start(Values);
        foreach (var action in actions)
        {
            Assert.True(Allows(state.Allowed(), action), $"step {state.Length}: {action}");
            state = state.Advance(action);
        }

        Assert.True(state.IsComplete);
    }

    [Fact]
    public void The_first_action_must_be_from()
    {
        var allowed = SqlGrammar.Next(Values, []);

        Assert.Equal([SqlKeywords.IndexOf("from")], allowed.Keywords.Select((a, i) => (a, i)).Where(p => p.a).Select(p => p.i));
        Assert.DoesNotContain(true, allowed.Columns);
        Assert.False(allowed.Values);
    }

    [Fact]
    public void Only_columns_of_the_tables_in_from_and_star_are_allowed()
    {
        var allowed = SqlGrammar.Next(Values, [Keyword("from"), Table(Tables.Singer), Keyword("select")]);

        Assert.True(allowed.Columns[Columns.SingerName]);
        Assert.True(allowed.Columns[0]);
        Assert.False(allowed.Columns[Columns.ConcertName]);
        Assert.False(allowed.Columns[Columns.StadiumName]);
    }

    [Fact]
    public void A_column_of_a_table_not_in_from_cannot_be_taken()
    {
        var state = SqlGrammar.Replay(Values, [Keyword("from"), Table(Tables.Singer), Keyword("select")]);

        Assert.False(state.TryAdvance(Column(Columns.ConcertName), out _, out var reason));
        Assert.Contains("not in FROM", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_cannot_be_chosen_twice_in_one_from()
    {
        var allowed = SqlGrammar.Next(Values, [Keyword("from"), Table(Tables.Singer)]);

        Assert.False(allowed.Tables[Tables.Singer]);
        Assert.True(allowed.Tables[Tables.Concert]);
        Assert.True(allowed.Keywords[SqlKeywords.IndexOf("select")]);
    }

    [Fact]
    public void The_query_cannot_end_after_where_without_a_condition()
    {
        var allowed = SqlGrammar.Next(Values, [Keyword("from"), Table(Tables.Singer), Keyword("select"), Column(Columns.SingerName), Keyword("where")]);

        Assert.False(allowed.Keywords[SqlKeywords.End]);
        Assert.False(allowed.Values);
        Assert.True(allowed.Columns[Columns.Age]);
    }

    [Fact]
    public void The_query_may_end_once_a_select_item_is_complete()
    {
        var allowed = SqlGrammar.Next(Values, [Keyword("from"), Table(Tables.Singer), Keyword("select"), Column(Columns.SingerName)]);

        Assert.True(allowed.Keywords[SqlKeywords.End]);
        Assert.True(allowed.Keywords[SqlKeywords.IndexOf("where")]);
        Assert.False(allowed.Keywords[SqlKeywords.IndexOf(")")]);
    }

    [Fact]
    public void A_value_may_stand_after_a_comparison_but_not_as_a_select_item()
    {
        var select = SqlGrammar.Next(Values, [Keyword("from"), Table(Tables.Singer), Keyword("select")]);
        var comparison = SqlGrammar.Next(Values, [Keyword("from"), Table(Tables.Singer), Keyword("select"), Column(Columns.SingerName),
            Keyword("where"), Column(Columns.Age), Keyword(">")]);

        Assert.False(select.Values);
        Assert.True(comparison.Values);
    }

    [Fact]
    public void Inside_a_sub_query_only_its_own_tables_columns_are_allowed_and_the_outer_ones_return_after_it()
    {
        List<SqlAction> prefix = [Keyword("from"), Table(Tables.Singer), Keyword("select"), Column(Columns.SingerName), Keyword("where"),
            Column(4), Keyword("in"), Keyword("("), Keyword("from"), Table(Tables.SingerInConcert), Keyword("select")];

        var inner = SqlGrammar.Next(Values, prefix);
        Assert.True(inner.Columns[13]);
        Assert.False(inner.Columns[Columns.SingerName]);
        Assert.False(inner.Keywords[SqlKeywords.End]);

        prefix.AddRange([Column(13), Keyword(")"), Keyword("and")]);
        var outer = SqlGrammar.Next(Values, prefix);
        Assert.True(outer.Columns[Columns.Age]);
        Assert.False(outer.Columns[13]);
    }

    [Fact]
    public void A_limit_takes_only_a_number()
    {
        List<SqlAction> prefix = [Keyword("from"), Table(Tables.Singer), Keyword("select"), Column(Columns.SingerName), Keyword("limit")];

        var allowed = SqlGrammar.Next(Values, prefix);
        var state = SqlGrammar.Replay(Values, prefix);

        Assert.True(allowed.Values);
        Assert.True(allowed.OnlyNumberValues);
        Assert.False(state.TryAdvance(new SqlAction(SqlActionKind.Value, 1), out _, out var reason));
        Assert.Contains("not a number", reason, StringComparison.Ordinal);
        Assert.True(state.TryAdvance(new SqlAction(SqlActionKind.Value, 0), out _));
    }

    [Fact]
    public void Values_after_a_comparison_may_be_text()
    {
        var allowed = SqlGrammar.Next(Values, [Keyword("from"), Table(Tables.Singer), Keyword("select"), Column(Columns.SingerName),
            Keyword("where"), Column(Columns.Country), Keyword("=")]);

        Assert.True(allowed.Values);
        Assert.False(allowed.OnlyNumberValues);
    }

    [Fact]
    public void In_takes_only_a_sub_query()
    {
        var allowed = SqlGrammar.Next(Values, [Keyword("from"), Table(Tables.Singer), Keyword("select"), Column(Columns.SingerName),
            Keyword("where"), Column(Columns.Country), Keyword("in")]);

        Assert.False(allowed.Values);
        Assert.DoesNotContain(true, allowed.Columns);
        Assert.Equal([SqlKeywords.IndexOf("(")], allowed.Keywords.Select((a, i) => (a, i)).Where(p => p.a).Select(p => p.i));
    }

    [Fact]
    public void Nothing_is_allowed_after_the_end_keyword()
    {
        var state = SqlGrammar.Replay(Values, [Keyword("from"), Table(Tables.Singer), Keyword("select"), Column(0), new SqlAction(SqlActionKind.Keyword, SqlKeywords.End)]);

        Assert.True(state.IsComplete);
        Assert.DoesNotContain(true, state.Allowed().Keywords);
    }
}
