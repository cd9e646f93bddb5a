namespace Gateway.Execution.Demo;

/// <summary>The logical column types of the demo data set; each dialect spells them its own way (<see cref="DemoDdl"/>).</summary>
internal enum DemoType
{
    Integer,
    Text,
    Money,
    Percent,
    Date,
    Timestamp,
    Boolean,
}

internal sealed record DemoColumn(string Name, DemoType Type, bool Nullable = false, int Length = 0, string? References = null, string? Comment = null);

internal sealed record DemoTable(string Name, string Comment, IReadOnlyList<DemoColumn> Columns)
{
    /// <summary>The first column is the primary key in every demo table.</summary>
    public DemoColumn Key => Columns[0];
}

/// <summary>
/// The demo data set's schema, described once: a small retailer with regions, customers, a catalogue, three
/// years of orders, their lines and payments. Tables are listed parents first, the order they are created in.
/// </summary>
internal static class DemoSchema
{
    /// <summary>Bumped whenever the schema or the generator changes; a demo.db of another version is rebuilt.</summary>
    public const int Version = 2;

    public static IReadOnlyList<DemoTable> Tables { get; } =
    [
        new("regions", "Sales regions.",
        [
            new("region_id", DemoType.Integer),
            new("name", DemoType.Text, Length: 40),
            new("country", DemoType.Text, Length: 40),
        ]),
        new("customers", "People and companies who have bought or signed up.",
        [
            new("customer_id", DemoType.Integer),
            new("name", DemoType.Text, Length: 80),
            new("email", DemoType.Text, Nullable: true, Length: 120, Comment: "Missing for some store-only customers."),
            new("region_id", DemoType.Integer, References: "regions"),
            new("segment", DemoType.Text, Length: 20, Comment: "consumer, small_business or corporate."),
            new("signup_date", DemoType.Date),
            new("is_active", DemoType.Boolean),
        ]),
        new("categories", "Product categories.",
        [
            new("category_id", DemoType.Integer),
            new("name", DemoType.Text, Length: 40),
            new("description", DemoType.Text, Nullable: true, Length: 200),
        ]),
        new("products", "The catalogue.",
        [
            new("product_id", DemoType.Integer),
            new("name", DemoType.Text, Length: 80),
            new("category_id", DemoType.Integer, References: "categories"),
            new("unit_price", DemoType.Money, Comment: "List price in USD."),
            new("unit_cost", DemoType.Money, Comment: "Purchase cost in USD."),
            new("launched_on", DemoType.Date),
            new("discontinued", DemoType.Boolean),
        ]),
        new("orders", "One row per order.",
        [
            new("order_id", DemoType.Integer),
            new("customer_id", DemoType.Integer, References: "customers"),
            new("ordered_at", DemoType.Timestamp),
            new("status", DemoType.Text, Length: 20, Comment: "pending, shipped, delivered, cancelled or returned."),
            new("channel", DemoType.Text, Length: 20, Comment: "web, store or phone."),
            new("shipped_at", DemoType.Timestamp, Nullable: true, Comment: "Null until shipped; never for cancelled orders."),
        ]),
        new("order_items", "Order lines.",
        [
            new("order_item_id", DemoType.Integer),
            new("order_id", DemoType.Integer, References: "orders"),
            new("product_id", DemoType.Integer, References: "products"),
            new("quantity", DemoType.Integer),
            new("unit_price", DemoType.Money, Comment: "Price charged per unit, before the line discount."),
            new("discount_pct", DemoType.Percent, Comment: "Line discount in percent, 0 to 30."),
        ]),
        new("payments", "Payments received; cancelled and pending orders have none.",
        [
            new("payment_id", DemoType.Integer),
            new("order_id", DemoType.Integer, References: "orders"),
            new("paid_at", DemoType.Timestamp),
            new("amount", DemoType.Money),
            new("method", DemoType.Text, Length: 20, Comment: "card, paypal, bank_transfer or gift_card."),
        ]),
    ];

    /// <summary>Views, in SQL every engine accepts.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Views { get; } =
    [
        ("order_totals", "SELECT order_id, SUM(quantity * unit_price * (100 - discount_pct) / 100) AS total, COUNT(*) AS line_count FROM order_items GROUP BY order_id"),
    ];

    public static DemoTable Table(string name) => Tables.First(t => t.Name == name);
}
