namespace Gateway.Sql.Lexing;

/// <summary>Character classes shared by the three dialects (ASCII table lookups; everything above 0x7F is a name character, as in all three servers).</summary>
internal static class CharClass
{
    private const byte Start = 1;
    private const byte Part = 2;
    private const byte Digit = 4;
    private const byte Space = 8;
    private const byte Hex = 16;

    private static readonly byte[] Table = Build();

    public static bool IsIdentifierStart(char c) => c >= 128 ? true : (Table[c] & Start) != 0;

    public static bool IsIdentifierPart(char c) => c >= 128 ? true : (Table[c] & Part) != 0;

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    public static bool IsHexDigit(char c) => c < 128 && (Table[c] & Hex) != 0;

    /// <summary>SQL whitespace: ASCII space, tab, newline, carriage return, form feed, vertical tab.</summary>
    public static bool IsWhitespace(char c) => c < 128 && (Table[c] & Space) != 0;

    private static byte[] Build()
    {
        var table = new byte[128];
        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] = Start | Part;
            table[char.ToUpperInvariant(c)] = Start | Part;
        }

        table['_'] = Start | Part;
        table['$'] = Part;
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = Part | Digit | Hex;
        }

        for (var c = 'a'; c <= 'f'; c++)
        {
            table[c] |= Hex;
            table[char.ToUpperInvariant(c)] |= Hex;
        }

        foreach (var c in " \t\n\r\f\v")
        {
            table[c] = Space;
        }

        return table;
    }
}
