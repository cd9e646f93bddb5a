namespace Gateway.Execution.Demo;

/// <summary>
/// Generates the demo data set from a fixed seed: the same rows on every machine and runtime. Orders span
/// 2023-01-01 to 2025-12-31 with yearly growth, a November/December peak and quieter weekends; a few customers
/// order far more than most, and a few products sell far more than most. Money is computed in whole cents.
/// </summary>
internal sealed class DemoGenerator
{
    public const ulong DefaultSeed = 20_230_101;
    public const int CustomerCount = 2_500;
    public const int ProductsPerCategory = 24;

    private static readonly DateOnly FirstOrderDay = new(2023, 1, 1);
    private static readonly DateOnly LastOrderDay = new(2025, 12, 31);

    // Percent multipliers by month (January first) and by weekday (Sunday first).
    private static readonly int[] MonthFactor = [85, 80, 95, 95, 100, 100, 95, 100, 105, 110, 140, 170];
    private static readonly int[] WeekdayFactor = [80, 105, 105, 105, 105, 110, 90];

    private readonly DemoRandom _random;

    public DemoGenerator(ulong seed = DefaultSeed)
    {
        _random = new DemoRandom(seed);
    }

    public DemoData Generate()
    {
        var regions = Regions();
        var customers = Customers();
        var categories = Categories();
        var products = Products();
        var (orders, items, payments) = Orders(customers, products);
        return new DemoData(new Dictionary<string, IReadOnlyList<object?[]>>
        {
            ["regions"] = regions,
            ["customers"] = customers,
            ["categories"] = categories,
            ["products"] = products,
            ["orders"] = orders,
            ["order_items"] = items,
            ["payments"] = payments,
        });
    }

    private static List<object?[]> Regions() =>
        [.. DemoVocabulary.Regions.Select((r, i) => new object?[] { i + 1, r.Name, r.Country })];

    private static List<object?[]> Categories() =>
        [.. DemoVocabulary.Categories.Select((c, i) => new object?[] { i + 1, c.Name, c.Description })];

    private List<object?[]> Customers()
    {
        var regionWeights = DemoVocabulary.Regions.Select(r => r.Weight).ToArray();
        var firstSignup = new DateOnly(2022, 1, 1);
        var span = LastOrderDay.DayNumber - firstSignup.DayNumber;

        // Signup days drawn first and sorted, so customer ids follow signup order as they would in a real system.
        var signups = Enumerable.Range(0, CustomerCount).Select(_ => _random.Next(span + 1)).Order().ToArray();
        var rows = new List<object?[]>(CustomerCount);
        for (var i = 0; i < CustomerCount; i++)
        {
            var segment = _random.Weighted([70, 20, 10]) switch { 0 => "consumer", 1 => "small_business", _ => "corporate" };
            var first = _random.Pick(DemoVocabulary.FirstNames);
            var last = _random.Pick(DemoVocabulary.LastNames);
            var name = segment == "consumer"
                ? $"{first} {last}"
                : $"{_random.Pick(DemoVocabulary.CompanyWords)} {last} {_random.Pick(DemoVocabulary.CompanySuffixes)}";
            string? email = _random.Chance(8) ? null : $"{Ascii(first)}.{Ascii(last)}{i + 1}@example.com";
            rows.Add([i + 1, name, email, _random.Weighted(regionWeights) + 1, segment, firstSignup.AddDays(signups[i]), !_random.Chance(12)]);
        }

        return rows;
    }

    private List<object?[]> Products()
    {
        var rows = new List<object?[]>();
        var launchFirst = new DateOnly(2020, 1, 1);
        var launchSpan = new DateOnly(2025, 6, 30).DayNumber - launchFirst.DayNumber;
        for (var c = 0; c < DemoVocabulary.Categories.Count; c++)
        {
            var category = DemoVocabulary.Categories[c];
            for (var p = 0; p < ProductsPerCategory; p++)
            {
                var name = $"{DemoVocabulary.ProductAdjectives[(p + (c * 5)) % DemoVocabulary.ProductAdjectives.Count]} {category.Nouns[p % category.Nouns.Length]} {p / category.Nouns.Length + 1}";
                // Cheaper items are more common: skew the draw towards the bottom of the range, end prices in .99.
                var cents = category.MinCents + _random.Skewed(category.MaxCents - category.MinCents, 2);
                cents = Math.Max(category.MinCents, (cents / 100 * 100) + 99);
                var costCents = cents * _random.Between(45, 75) / 100;
                rows.Add([rows.Count + 1, name, c + 1, Cents(cents), Cents(costCents), launchFirst.AddDays(_random.Next(launchSpan + 1)), _random.Chance(8)]);
            }
        }

        return rows;
    }

    private (List<object?[]> Orders, List<object?[]> Items, List<object?[]> Payments) Orders(List<object?[]> customers, List<object?[]> products)
    {
        var orders = new List<object?[]>();
        var items = new List<object?[]>();
        var payments = new List<object?[]>();
        var loyalty = customers.Select(_ => 1 + _random.Skewed(20, 3)).Select(x => 21 - x).ToArray();
        var popularity = Enumerable.Range(0, products.Count).OrderBy(_ => _random.NextUInt64()).ToArray();
        var signedUp = 0;
        var totalDays = LastOrderDay.DayNumber - FirstOrderDay.DayNumber + 1;
        for (var d = 0; d < totalDays; d++)
        {
            var day = FirstOrderDay.AddDays(d);
            while (signedUp < customers.Count && (DateOnly)customers[signedUp][5]! <= day)
            {
                signedUp++;
            }

            // About 14 orders a day at the start, growing to about 26 by the end, before season and weekday.
            var baseCount = 14 + (12 * d / totalDays);
            var count = (baseCount * MonthFactor[day.Month - 1] * WeekdayFactor[(int)day.DayOfWeek] / 10_000) + _random.Between(-3, 3);
            for (var o = 0; o < count && signedUp > 0; o++)
            {
                var customer = PickCustomer(loyalty, signedUp);
                AddOrder(orders, items, payments, customer + 1, day, LastOrderDay.DayNumber - day.DayNumber, products, popularity);
            }
        }

        return (orders, items, payments);
    }

    private int PickCustomer(int[] loyalty, int eligible)
    {
        while (true)
        {
            var candidate = _random.Next(eligible);
            if (_random.Next(20) < loyalty[candidate])
            {
                return candidate;
            }
        }
    }

    private void AddOrder(List<object?[]> orders, List<object?[]> items, List<object?[]> payments, int customerId, DateOnly day, int daysBeforeEnd, List<object?[]> products, int[] popularity)
    {
        var orderId = orders.Count + 1;
        var orderedAt = day.ToDateTime(new TimeOnly(_random.Weighted([2, 6, 9, 10, 10, 9, 8, 8, 9, 11, 12, 10, 6, 3]) + 8, _random.Next(60), _random.Next(60)));
        var status = daysBeforeEnd < 3 ? (_random.Chance(70) ? "pending" : "shipped")
            : daysBeforeEnd < 8 ? (_random.Chance(60) ? "shipped" : "delivered")
            : _random.Weighted([90, 5, 5]) switch { 0 => "delivered", 1 => "cancelled", _ => "returned" };
        var channel = _random.Weighted([60, 30, 10]) switch { 0 => "web", 1 => "store", _ => "phone" };
        DateTime? shippedAt = status is "pending" or "cancelled" ? null : orderedAt.AddHours(_random.Between(6, 120));
        orders.Add([orderId, customerId, orderedAt, status, channel, shippedAt]);

        var totalCents = 0L;
        var lines = _random.Weighted([40, 30, 15, 10, 5]) + 1;
        for (var l = 0; l < lines; l++)
        {
            var product = products[popularity[_random.Skewed(products.Count, 2)]];
            var quantity = _random.Weighted([60, 25, 8, 4, 3]) + 1;
            var listCents = (int)((decimal)product[3]! * 100);
            var priceCents = _random.Chance(10) ? listCents * 9 / 10 : listCents;
            var discount = _random.Weighted([80, 8, 6, 3, 2, 1]) * 5;
            var discountPct = discount * 1.00m;
            totalCents += (long)quantity * priceCents * (100 - discount) / 100;
            items.Add([items.Count + 1, orderId, product[0], quantity, Cents(priceCents), discountPct]);
        }

        if (status is "pending" or "cancelled")
        {
            return;
        }

        var method = _random.Weighted([65, 20, 10, 5]) switch { 0 => "card", 1 => "paypal", 2 => "bank_transfer", _ => "gift_card" };
        var paidAt = method == "bank_transfer" ? orderedAt.AddHours(_random.Between(12, 72)) : orderedAt.AddMinutes(_random.Between(0, 30));
        if (totalCents > 20_000 && _random.Chance(5))
        {
            // A gift card covers part of a large order and the rest is charged separately.
            var first = totalCents * _random.Between(10, 40) / 100;
            payments.Add([payments.Count + 1, orderId, paidAt, Cents(first), "gift_card"]);
            totalCents -= first;
        }

        payments.Add([payments.Count + 1, orderId, paidAt, Cents(totalCents), method]);
    }

    /// <summary>Multiplying by 0.01m keeps two decimal places even for whole amounts (20.00, not 20).</summary>
    private static decimal Cents(long cents) => cents * 0.01m;

    /// <summary>Email local parts: the accented letters of the vocabulary folded by a fixed table, other symbols dropped.</summary>
    private static string Ascii(string name) =>
        new([.. name.Select(c => c switch { 'é' or 'ë' => 'e', 'ø' => 'o', 'ü' => 'u', 'í' => 'i', _ => c })
            .Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);
}
