using System.Globalization;

namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>A question and its SQL as one template wrote them, before they are checked.</summary>
/// <param name="ExpectsRows">The template asks about rows that exist, so an empty result means the values were badly chosen.</param>
public sealed record SynthesizedQuery(string Template, string Question, string Sql, bool ExpectsRows = true);

/// <summary>One question shape: given a profiled database and a seeded random source, a query or null when the schema has nothing it fits.</summary>
public sealed record SynthesisTemplate(string Id, Func<TemplateContext, SynthesizedQuery?> Generate);

/// <summary>What a template draws from: the profiled database, the random source and the wording helpers.</summary>
public sealed class TemplateContext(DatabaseProfile database, Random random)
{
    public DatabaseProfile Database => database;

    public Random Random => random;

    /// <summary>A random element, or null for an empty list.</summary>
    public T? Pick<T>(IReadOnlyList<T> items)
        where T : class => items.Count == 0 ? null : items[random.Next(items.Count)];

    /// <summary>One of the phrasings, chosen at random, with its first letter in upper case.</summary>
    public string Say(params string[] variants)
    {
        var text = variants[random.Next(variants.Length)];
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>A table with rows that has at least one column of each role asked for.</summary>
    public TableProfile? TableWith(params ColumnRole[] roles) =>
        Pick(database.Tables.Where(t => t.Rows > 0 && roles.All(r => t.Columns.Any(c => c.Role == r))).ToList());

    public ColumnProfile? Column(TableProfile table, ColumnRole role, ColumnProfile? except = null) =>
        Pick(table.WithRole(role).Where(c => c != except).ToList());

    /// <summary>The column a listing shows: the table's label, else one of its categories.</summary>
    public ColumnProfile? Shown(TableProfile table, ColumnProfile? except = null) =>
        table.Label is { } label && label != except ? label : Column(table, ColumnRole.Category, except);

    public string Col(int index) => database.ColumnSql(index);

    public string Table(TableProfile table) => database.TableSql(table);

    /// <summary>A value drawn from the middle of a measure's sampled values (so both sides of a comparison have rows).</summary>
    public double? Threshold(ColumnProfile measure)
    {
        if (measure.Numbers.Count < 3)
        {
            return null;
        }

        var low = measure.Numbers.Count / 5;
        var high = Math.Max(low + 1, measure.Numbers.Count - (measure.Numbers.Count / 5));
        return measure.Numbers[random.Next(low, high)];
    }

    /// <summary>A number as both the question and the SQL write it.</summary>
    public static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Quote(string text) => "'" + text + "'";

    public static string Plural(string words) => SynthesisWords.Plural(words);

    /// <summary>The words with their indefinite article ("an order", "a customer").</summary>
    public static string A(string words) => (words.Length > 0 && "aeiou".Contains(words[0], StringComparison.Ordinal) ? "an " : "a ") + words;
}
