using System.Collections.Frozen;

namespace Gateway.Sql.Lexing;

/// <summary>Case-insensitive lookup of a word (as a span, without allocating) to its <see cref="Keyword"/>.</summary>
internal static class Keywords
{
    private static readonly FrozenDictionary<string, Keyword> Table = Build();
    private static readonly FrozenDictionary<string, Keyword>.AlternateLookup<ReadOnlySpan<char>> SpanLookup =
        Table.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly int MaxLength = ComputeMaxLength();

    public static Keyword Lookup(ReadOnlySpan<char> word) =>
        word.Length <= MaxLength && SpanLookup.TryGetValue(word, out var keyword) ? keyword : Keyword.None;

    private static FrozenDictionary<string, Keyword> Build()
    {
        var words = new Dictionary<string, Keyword>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in Enum.GetValues<Keyword>())
        {
            if (value != Keyword.None)
            {
                words[value.ToString()] = value;
            }
        }

        return words.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static int ComputeMaxLength()
    {
        var max = 0;
        foreach (var key in Table.Keys)
        {
            max = Math.Max(max, key.Length);
        }

        return max;
    }
}
