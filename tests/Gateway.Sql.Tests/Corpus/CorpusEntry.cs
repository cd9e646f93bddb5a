using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Gateway.Sql.Tests.Corpus;

/// <summary>One statement of <c>corpus.yaml</c>: what the validator must decide for it, and why.</summary>
public sealed record CorpusEntry
{
    public string Dialect { get; init; } = "";

    public string Sql { get; init; } = "";

    public bool Allowed { get; init; }

    /// <summary>The <see cref="Gateway.Sql.Validation.RuleIds"/> value expected for a rejection; null when allowed.</summary>
    public string? Rule { get; init; }

    public string Why { get; init; } = "";

    public static IReadOnlyList<CorpusEntry> Load()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "corpus.yaml"));
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        return deserializer.Deserialize<CorpusFile>(text).Entries;
    }

    private sealed record CorpusFile
    {
        public List<CorpusEntry> Entries { get; init; } = [];
    }
}
