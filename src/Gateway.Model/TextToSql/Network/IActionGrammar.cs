namespace Gateway.Model.TextToSql.Network;

/// <summary>The grammar as the decoder walks it: a cursor per hypothesis, advanced one action at a time.</summary>
public interface IActionGrammar
{
    IGrammarCursor Start(PointerExample example);
}

/// <summary>An immutable position in the grammar after some prefix of actions.</summary>
public interface IGrammarCursor
{
    AllowedActions Allowed();

    /// <summary>The cursor after <paramref name="action"/>, or null when the grammar does not allow it here.</summary>
    IGrammarCursor? Advance(SqlAction action);
}
