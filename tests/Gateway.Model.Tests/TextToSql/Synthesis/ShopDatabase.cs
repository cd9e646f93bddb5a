using Gateway.Evaluation.Spider.Data;
using Microsoft.Data.Sqlite;

namespace Gateway.Model.Tests.TextToSql.Synthesis;

/// <summary>
/// A small business database in a real SQLite file: regions, customers in regions, orders by customers (an ISO date,
/// a status, an amount), payments of orders. Foreign keys, a date column and text categories, as the synthesizer needs.
/// </summary>
internal sealed class ShopDatabase : IDisposable
{
    private readonly TempDirectory _folder = new();

    public ShopDatabase(string dbId = "shop")
    {
        DbId = dbId;
        Path = _folder.File(dbId + ".sqlite");
        Write(Path);
    }

    public string DbId { get; }

    public string Path { get; }

    public SpiderSchema Schema => SchemaFor(DbId);

    /// <summary>Writes the database to <paramref name="path"/>.</summary>
    public static void Write(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        var statements = new List<string>
        {
            "CREATE TABLE regions (region_id INTEGER PRIMARY KEY, name TEXT, country TEXT)",
            "CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, full_name TEXT, segment TEXT, region_id INTEGER REFERENCES regions(region_id))",
            "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(customer_id), placed_at TEXT, status TEXT, amount REAL)",
            "INSERT INTO regions VALUES (1, 'North Coast', 'Norway'), (2, 'Lake District', 'England'), (3, 'High Plains', 'Norway'), (4, 'Old Harbour', 'England')",
        };
        string[] first = ["Ada", "Boris", "Chen", "Dana", "Emil", "Fatima", "Goran", "Hana", "Ivo", "Jun", "Kemal", "Lena"];
        string[] segments = ["retail", "wholesale", "online"];
        for (var c = 1; c <= first.Length; c++)
        {
            statements.Add($"INSERT INTO customers VALUES ({c}, '{first[c - 1]} Smith{c}', '{segments[c % 3]}', {1 + (c % 3)})");
        }

        string[] statuses = ["shipped", "pending", "cancelled"];
        for (var o = 1; o <= 48; o++)
        {
            var year = 2022 + (o % 3);
            statements.Add($"INSERT INTO orders VALUES ({o}, {1 + (o * 5 % first.Length)}, '{year}-{1 + (o % 12):00}-{1 + (o % 27):00}', '{statuses[o % 3]}', {10 + (o * 37 % 200)}.5)");
        }

        command.CommandText = string.Join(";\n", statements);
        command.ExecuteNonQuery();
    }

    public static SpiderSchema SchemaFor(string dbId) => new(
        dbId,
        [new SpiderTable(0, "regions", "regions"), new SpiderTable(1, "customers", "customers"), new SpiderTable(2, "orders", "orders")],
        [
            new SpiderColumn(0, -1, "*", "*", "text"),
            new SpiderColumn(1, 0, "region id", "region_id", "number"),
            new SpiderColumn(2, 0, "name", "name", "text"),
            new SpiderColumn(3, 0, "country", "country", "text"),
            new SpiderColumn(4, 1, "customer id", "customer_id", "number"),
            new SpiderColumn(5, 1, "full name", "full_name", "text"),
            new SpiderColumn(6, 1, "segment", "segment", "text"),
            new SpiderColumn(7, 1, "region id", "region_id", "number"),
            new SpiderColumn(8, 2, "order id", "order_id", "number"),
            new SpiderColumn(9, 2, "customer id", "customer_id", "number"),
            new SpiderColumn(10, 2, "placed at", "placed_at", "text"),
            new SpiderColumn(11, 2, "status", "status", "text"),
            new SpiderColumn(12, 2, "amount", "amount", "number"),
        ],
        [1, 4, 8],
        [new SpiderForeignKey(7, 1), new SpiderForeignKey(9, 4)]);

    public List<string> Rows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    public void Dispose() => _folder.Dispose();
}
