namespace Gateway.Sql.Lexing;

/// <summary>Flags the lexer records about where a token came from.</summary>
[Flags]
internal enum TokenFlags : byte
{
    None = 0,

    /// <summary>The token lies inside a MySQL executable comment (<c>/*! ... */</c>).</summary>
    InExecutableComment = 1,
}

/// <summary>One token: its kind, its keyword (for words), and its place in the original text.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length, Keyword Keyword = Keyword.None, TokenFlags Flags = TokenFlags.None)
{
    public int End => Start + Length;

    public bool IsWord => Kind == TokenKind.Word;

    public string Text(string source) => source.Substring(Start, Length);

    public ReadOnlySpan<char> Span(string source) => source.AsSpan(Start, Length);
}
