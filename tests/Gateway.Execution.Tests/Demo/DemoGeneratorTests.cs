using System.Globalization;
using Gateway.Execution.Demo;

namespace Gateway.Execution.Tests.Demo;

public sealed class DemoGeneratorTests
{
    private static readonly Lazy<DemoData> Data = new(() => new DemoGenerator().Generate());

    [Fact]
    public void Same_seed_gives_the_same_rows()
    {
        Assert.Equal(Fingerprint(Data.Value), Fingerprint(new DemoGenerator().Generate()));
    }

    [Fact]
    public void Another_seed_gives_other_rows()
    {
        Assert.NotEqual(Fingerprint(Data.Value), Fingerprint(new DemoGenerator(seed: 7).Generate()));
    }

    [Fact]
    public void Default_data_set_matches_its_recorded_fingerprint()
    {
        // Recorded at DemoSchema.Version 2 (1 had the same rows, no view): a change here means the rows changed; bump the version.
        Assert.Equal(2, DemoSchema.Version);
        Assert.Equal(RecordedFingerprint, Fingerprint(Data.Value));
    }

    [Fact]
    public void Data_set_has_tens_of_thousands_of_rows()
    {
        var data = Data.Value;

        Assert.InRange(data["orders"].Count, 15_000, 35_000);
        Assert.InRange(data["order_items"].Count, data["orders"].Count * 3 / 2, data["orders"].Count * 3);
        Assert.InRange(data["payments"].Count, data["orders"].Count * 8 / 10, data["orders"].Count);
        Assert.InRange(data.TotalRows, 50_000, 150_000);
    }

    [Fact]
    public void Orders_span_three_years_with_a_december_peak()
    {
        var days = Data.Value["orders"].Select(o => (DateTime)o[2]!).ToList();

        Assert.Equal(new DateTime(2023, 1, 1), days.Min().Date);
        Assert.Equal(new DateTime(2025, 12, 31), days.Max().Date);
        var december = days.Count(d => d.Month == 12);
        var february = days.Count(d => d.Month == 2);
        Assert.True(december > february * 3 / 2, $"december {december}, february {february}");
    }

    [Fact]
    public void Some_customer_emails_are_null_but_most_are_not()
    {
        var customers = Data.Value["customers"];
        var nulls = customers.Count(c => c[2] is null);

        Assert.InRange(nulls, customers.Count / 25, customers.Count / 6);
    }

    [Fact]
    public void Every_foreign_key_points_at_an_existing_row()
    {
        var data = Data.Value;
        foreach (var table in DemoSchema.Tables)
        {
            foreach (var (column, index) in table.Columns.Select((c, i) => (c, i)).Where(x => x.c.References is not null))
            {
                var keys = data[column.References!].Select(r => (int)r[0]!).ToHashSet();
                Assert.All(data[table.Name], row => Assert.Contains((int)row[index]!, keys));
            }
        }
    }

    [Fact]
    public void Cancelled_and_pending_orders_have_no_payment_and_no_shipping()
    {
        var data = Data.Value;
        var open = data["orders"].Where(o => (string)o[3]! is "cancelled" or "pending").Select(o => (int)o[0]!).ToHashSet();

        Assert.NotEmpty(open);
        Assert.DoesNotContain(data["payments"], p => open.Contains((int)p[1]!));
        Assert.All(data["orders"].Where(o => open.Contains((int)o[0]!)), o => Assert.Null(o[5]));
    }

    [Fact]
    public void Money_keeps_two_decimal_places()
    {
        Assert.All(Data.Value["products"], p => Assert.Equal(2, ((decimal)p[3]!).Scale));
    }

    private const ulong RecordedFingerprint = 4535024044202382934;

    /// <summary>FNV-1a over every value's invariant text, table by table.</summary>
    internal static ulong Fingerprint(DemoData data)
    {
        var hash = 14695981039346656037UL;
        foreach (var table in DemoSchema.Tables)
        {
            foreach (var row in data[table.Name])
            {
                foreach (var value in row)
                {
                    var text = value switch
                    {
                        null => "\0",
                        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                        DateOnly date => date.ToString("O", CultureInfo.InvariantCulture),
                        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                        _ => value.ToString()!,
                    };
                    foreach (var c in text + "\u001f")
                    {
                        hash = (hash ^ c) * 1099511628211UL;
                    }
                }
            }
        }

        return hash;
    }
}
