namespace Gateway.Sql.Lexing;

/// <summary>Why the text could not be read, and where (0-based character offset into the input).</summary>
internal sealed record SqlSyntaxError(int Position, string Message);

/// <summary>
/// A MySQL executable comment: <c>/*!</c> at <see cref="Start"/>, the character after <c>*/</c> at <see cref="End"/>.
/// <see cref="Conditional"/> marks <c>/*!50000 ...</c> and MariaDB's <c>/*M! ...</c>: whether the server runs their content
/// depends on its version and flavour, so both readings must be safe.
/// </summary>
internal readonly record struct CommentRegion(int Start, int End, bool Conditional = false);

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

    /// <summary>
    /// Where a string first escapes its own quote with a backslash (<c>'it\'s'</c>), if it does: a MySQL server in
    /// NO_BACKSLASH_ESCAPES mode ends the string there instead, so the text has two readings.
    /// </summary>
    public int? BackslashQuoteAt { get; init; }

    /// <summary>MySQL executable comments, whose content was lexed as code.</summary>
    public IReadOnlyList<CommentRegion> ExecutableComments { get; }

    public ReadOnlySpan<Token> AsSpan() => Tokens.AsSpan(0, Count);

    /// <summary>True when some executable comment runs only on some servers (see <see cref="CommentRegion.Conditional"/>).</summary>
    public bool HasConditionalComments
    {
        get
        {
            foreach (var region in ExecutableComments)
            {
                if (region.Conditional)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
