namespace Gateway.Sql.Lexing;

/// <summary>Why the text could not be read, and where (0-based character offset into the input).</summary>
internal sealed record SqlSyntaxError(int Position, string Message);

/// <summary>A MySQL executable comment: <c>/*!</c> at <see cref="Start"/>, the character after <c>*/</c> at <see cref="End"/>.</summary>
internal readonly record struct CommentRegion(int Start, int End);

/// <summary>The lexer's output: tokens (ending with <see cref="TokenKind.EndOfInput"/>) or an error.</summary>
internal sealed class LexResult
{
    public LexResult(Token[] tokens, int count, SqlSyntaxError? error, IReadOnlyList<CommentRegion> executableComments)
    {
        Tokens = tokens;
        Count = count;
        Error = error;
        ExecutableComments = executableComments;
    }

    /// <summary>The token buffer; only the first <see cref="Count"/> entries are meaningful, the last is end-of-input.</summary>
    public Token[] Tokens { get; }

    public int Count { get; }

    public SqlSyntaxError? Error { get; }

    /// <summary>MySQL executable comments, whose content was lexed as code.</summary>
    public IReadOnlyList<CommentRegion> ExecutableComments { get; }

    public ReadOnlySpan<Token> AsSpan() => Tokens.AsSpan(0, Count);
}
