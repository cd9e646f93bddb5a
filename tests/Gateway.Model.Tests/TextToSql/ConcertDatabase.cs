using Gateway.Evaluation.Spider.Data;
using Gateway.Model.TextToSql;
using Microsoft.Data.Sqlite;

namespace Gateway.Model.Tests.TextToSql;

/// <summary>
/// A small Spider-style database: singers perform in concerts through the bridge table singer_in_concert,
/// concerts take place in stadiums. Written to a real SQLite file in a temp folder.
/// </summary>
internal sealed class ConcertDatabase : IDisposable
{
    private readonly TempDirectory _folder = new();

    public ConcertDatabase()
    {
        Path = _folder.File("concert_singer.sqlite");
        using var connection = new SqliteConnection($"Data Source={Path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE stadium (stadium_id INTEGER PRIMARY KEY, name TEXT, capacity INTEGER);
            CREATE TABLE singer (singer_id INTEGER PRIMARY KEY, name TEXT, country TEXT, age INTEGER);
            CREATE TABLE concert (concert_id INTEGER PRIMARY KEY, concert_name TEXT, year INTEGER, stadium_id INTEGER REFERENCES stadium(stadium_id));
            CREATE TABLE singer_in_concert (concert_id INTEGER REFERENCES concert(concert_id), singer_id INTEGER REFERENCES singer(singer_id));
            INSERT INTO stadium VALUES (1, 'Hampden Park', 52500), (2, 'Balmoor', 4000), (3, 'Glebe Park', 3960);
            INSERT INTO singer VALUES (1, 'Joe Sharp', 'Netherlands', 52), (2, 'Timbaland', 'United States', 32),
                (3, 'Justin Brown', 'France', 29), (4, 'Rose White', 'France', 41), (5, 'John Nizinik', 'France', 43);
            INSERT INTO concert VALUES (1, 'Auditions', 2014, 1), (2, 'Super bootcamp', 2014, 2), (3, 'Home Visits', 2015, 2),
                (4, 'Week 1', 2015, 3);
            INSERT INTO singer_in_concert VALUES (1, 2), (1, 3), (2, 3), (3, 5), (4, 4), (4, 1);
            """;
        command.ExecuteNonQuery();
        SqliteConnection.ClearPool(connection);
    }

    public string Path { get; }

    /// <summary>The schema as tables.json would describe it.</summary>
    public static SpiderSchema SpiderSchema { get; } = new(
        "concert_singer",
        [new SpiderTable(0, "stadium", "stadium"), new SpiderTable(1, "singer", "singer"), new SpiderTable(2, "concert", "concert"),
            new SpiderTable(3, "singer in concert", "singer_in_concert")],
        [
            new SpiderColumn(0, -1, "*", "*", "text"),
            new SpiderColumn(1, 0, "stadium id", "stadium_id", "number"),
            new SpiderColumn(2, 0, "name", "name", "text"),
            new SpiderColumn(3, 0, "capacity", "capacity", "number"),
            new SpiderColumn(4, 1, "singer id", "singer_id", "number"),
            new SpiderColumn(5, 1, "name", "name", "text"),
            new SpiderColumn(6, 1, "country", "country", "text"),
            new SpiderColumn(7, 1, "age", "age", "number"),
            new SpiderColumn(8, 2, "concert id", "concert_id", "number"),
            new SpiderColumn(9, 2, "concert name", "concert_name", "text"),
            new SpiderColumn(10, 2, "year", "year", "number"),
            new SpiderColumn(11, 2, "stadium id", "stadium_id", "number"),
            new SpiderColumn(12, 3, "concert id", "concert_id", "number"),
            new SpiderColumn(13, 3, "singer id", "singer_id", "number"),
        ],
        [1, 4, 8],
        [new SpiderForeignKey(11, 1), new SpiderForeignKey(12, 8), new SpiderForeignKey(13, 4)]);

    public static PointerSchema Schema { get; } = PointerSchemaBuilder.Build(SpiderSchema);

    public static class Columns
    {
        public const int StadiumName = 2;
        public const int SingerName = 5;
        public const int Country = 6;
        public const int Age = 7;
        public const int ConcertName = 9;
        public const int Year = 10;
    }

    public static class Tables
    {
        public const int Stadium = 0;
        public const int Singer = 1;
        public const int Concert = 2;
        public const int SingerInConcert = 3;
    }

    /// <summary>An example whose value candidates are exactly <paramref name="values"/>.</summary>
    public static PointerExample Example(params ValueCandidate[] values) =>
        new("concert_singer", "q", ["q"], Schema, values, [], null);

    public static ValueCandidate Text(string text) => new(ValueSource.QuestionSpan, text, false, 0, 0, -1);

    public static ValueCandidate Number(string text) => new(ValueSource.QuestionSpan, text, true, 0, 0, -1);

    public List<string> Rows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        SqliteConnection.ClearPool(connection);
        return rows;
    }

    public void Dispose() => _folder.Dispose();
}
