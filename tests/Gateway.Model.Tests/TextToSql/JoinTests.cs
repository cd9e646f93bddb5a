using Gateway.Model.TextToSql;
using static Gateway.Model.Tests.TextToSql.ConcertDatabase;

namespace Gateway.Model.Tests.TextToSql;

public sealed class JoinTests
{
    private static SqlAction K(string name) => SqlKeywords.Action(name);

    private static SqlAction Column(int index) => new(SqlActionKind.Column, index);

    private static SqlAction Table(int index) => new(SqlActionKind.Table, index);

    private static readonly SqlAction End = new(SqlActionKind.Keyword, SqlKeywords.End);

    [Fact]
    public void Without_declared_keys_tables_join_on_the_column_name_they_share()
    {
        var example = Example() with { Schema = Schema with { ForeignKeys = [] } };

        var sql = SqlRenderer.Render(example, [K("from"), Table(Tables.Singer), Table(Tables.SingerInConcert), K("select"), Column(Columns.SingerName), End]);

        Assert.Equal("SELECT T1.name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T2.singer_id = T1.singer_id", sql);
    }

    [Fact]
    public void A_column_named_after_another_tables_key_joins_to_it()
    {
        // trip.start_station_id and trip.end_station_id both name station.id; the query groups by the end station.
        PointerSchema schema = new("bike", [new("station", "station"), new("trip", "trip")],
        [
            new(-1, "*", "*", "text", false), new(0, "id", "id", "number", true), new(0, "city", "city", "text", false),
            new(1, "id", "id", "number", true), new(1, "start_station_id", "start station id", "number", false),
            new(1, "end_station_id", "end station id", "number", false),
        ], []);
        var example = Example() with { Schema = schema };

        var sql = SqlRenderer.Render(example,
            [K("from"), Table(0), Table(1), K("select"), Column(2), K(","), K("count"), Column(0), K("group_by"), Column(5), End]);

        Assert.Equal("SELECT T1.city, COUNT(*) FROM station AS T1 JOIN trip AS T2 ON T2.end_station_id = T1.id GROUP BY T2.end_station_id", sql);
    }

    [Fact]
    public void Of_two_keys_between_the_same_tables_the_one_whose_column_the_query_uses_joins()
    {
        PointerSchema schema = new("social", [new("user_profiles", "user profiles"), new("follows", "follows")],
        [
            new(-1, "*", "*", "text", false), new(0, "uid", "uid", "number", true), new(0, "name", "name", "text", false),
            new(1, "f1", "f1", "number", false), new(1, "f2", "f2", "number", false),
        ], [new(4, 1), new(3, 1)]);
        var example = Example() with { Schema = schema };

        var sql = SqlRenderer.Render(example, [K("from"), Table(0), Table(1), K("select"), Column(2), K("group_by"), Column(3), End]);

        Assert.Contains("ON T2.f1 = T1.uid", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gold_join_the_renderer_would_not_choose_is_written_out_after_its_table_and_rendered_as_written()
    {
        PointerSchema schema = new("social", [new("user_profiles", "user profiles"), new("follows", "follows")],
        [
            new(-1, "*", "*", "text", false), new(0, "uid", "uid", "number", true), new(0, "name", "name", "text", false),
            new(1, "f1", "f1", "number", false), new(1, "f2", "f2", "number", false),
        ], [new(3, 1), new(4, 1)]);
        var example = Example() with { Schema = schema };

        var actions = SqlLinearizer.Linearize(schema, [], "SELECT T1.name FROM user_profiles AS T1 JOIN follows AS T2 ON T1.uid = T2.f2 GROUP BY T2.f1").Actions!;

        Assert.Equal([K("from"), Table(0), Table(1), Column(4), Column(1), K("select")], actions.Take(6));
        Assert.True(SqlGrammar.Accepts(example, actions, out var reason), reason);
        Assert.Equal("SELECT T1.name FROM user_profiles AS T1 JOIN follows AS T2 ON T2.f2 = T1.uid GROUP BY T2.f1", SqlRenderer.Render(example, actions));
    }

    [Fact]
    public void A_gold_join_the_renderer_chooses_anyway_is_not_written_out()
    {
        var actions = SqlLinearizer.Linearize(Schema, [],
            "SELECT T2.name FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = T2.stadium_id").Actions!;

        Assert.Equal([K("from"), Table(Tables.Concert), Table(Tables.Stadium), K("select")], actions.Take(4));
    }

    [Fact]
    public void A_join_on_two_column_pairs_is_written_out_whole()
    {
        PointerSchema schema = new("college", [new("classroom", "classroom"), new("section", "section")],
        [
            new(-1, "*", "*", "text", false), new(0, "building", "building", "text", true), new(0, "room_number", "room number", "text", true),
            new(0, "capacity", "capacity", "number", false), new(1, "course_id", "course id", "text", true),
            new(1, "building", "building", "text", false), new(1, "room_number", "room number", "text", false),
        ], [new(5, 1), new(6, 2)]);
        var example = Example() with { Schema = schema };

        var actions = SqlLinearizer.Linearize(schema, [],
            "SELECT T2.course_id FROM classroom AS T1 JOIN section AS T2 ON T1.building = T2.building AND T1.room_number = T2.room_number").Actions!;

        Assert.Equal([K("from"), Table(0), Table(1), Column(5), Column(1), Column(6), Column(2), K("select")], actions.Take(8));
        Assert.True(SqlGrammar.Accepts(example, actions, out var reason), reason);
        Assert.Equal(
            "SELECT T2.course_id FROM classroom AS T1 JOIN section AS T2 ON T2.building = T1.building AND T2.room_number = T1.room_number",
            SqlRenderer.Render(example, actions));
    }

    [Fact]
    public void A_direct_key_between_chosen_tables_wins_over_a_path_through_a_bridge()
    {
        var sql = SqlRenderer.Render(Example(), [K("from"), Table(Tables.Concert), Table(Tables.Stadium), K("select"), Column(Columns.StadiumName), End]);

        Assert.Equal("SELECT T2.name FROM concert AS T1 JOIN stadium AS T2 ON T1.stadium_id = T2.stadium_id", sql);
    }
}
