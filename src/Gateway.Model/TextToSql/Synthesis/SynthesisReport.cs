using System.Text.Json.Serialization;

namespace Gateway.Model.TextToSql.Synthesis;

/// <summary>One template's tally: pairs written, kept, dropped by reason, and databases it did not fit.</summary>
public sealed class TemplateTally
{
    [JsonPropertyName("generated")]
    public int Generated { get; set; }

    [JsonPropertyName("kept")]
    public int Kept { get; set; }

    [JsonPropertyName("dropped")]
    public SortedDictionary<string, int> Dropped { get; } = new(StringComparer.Ordinal);

    [JsonPropertyName("databases_not_fitting")]
    public int NotApplicable { get; set; }
}

/// <summary>What a synthesis run produced: tallies per template and kept rows per database.</summary>
public sealed class SynthesisReport
{
    [JsonPropertyName("templates")]
    public SortedDictionary<string, TemplateTally> Templates { get; } = new(StringComparer.Ordinal);

    [JsonPropertyName("databases")]
    public SortedDictionary<string, int> Databases { get; } = new(StringComparer.Ordinal);

    [JsonIgnore]
    public int Kept => Templates.Values.Sum(t => t.Kept);

    [JsonIgnore]
    public int Generated => Templates.Values.Sum(t => t.Generated);

    /// <summary>Drops summed over templates, by reason.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, int> DropReasons =>
        Templates.Values.SelectMany(t => t.Dropped).GroupBy(d => d.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(d => d.Value), StringComparer.Ordinal);

    /// <param name="drop">null when the pair was kept</param>
    public void Count(string template, string? drop)
    {
        var tally = Tally(template);
        tally.Generated++;
        if (drop is null)
        {
            tally.Kept++;
        }
        else
        {
            tally.Dropped[drop] = tally.Dropped.GetValueOrDefault(drop) + 1;
        }
    }

    public void NotApplicable(string template) => Tally(template).NotApplicable++;

    public void Database(string dbId, int kept) => Databases[dbId] = Databases.GetValueOrDefault(dbId) + kept;

    private TemplateTally Tally(string template)
    {
        if (!Templates.TryGetValue(template, out var tally))
        {
            tally = new TemplateTally();
            Templates[template] = tally;
        }

        return tally;
    }
}
