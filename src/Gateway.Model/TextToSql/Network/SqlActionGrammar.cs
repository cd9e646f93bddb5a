namespace Gateway.Model.TextToSql.Network;

/// <summary>The SQL side's <see cref="SqlGrammarState"/> as the decoder's grammar.</summary>
public sealed class SqlActionGrammar : IActionGrammar
{
    public static SqlActionGrammar Instance { get; } = new();

    public IGrammarCursor Start(PointerExample example) => new Cursor(SqlGrammarState.Start(example));

    private sealed class Cursor(SqlGrammarState state) : IGrammarCursor
    {
        public AllowedActions Allowed() => state.Allowed();

        public IGrammarCursor? Advance(SqlAction action) => state.TryAdvance(action, out var next) ? new Cursor(next) : null;
    }
}
