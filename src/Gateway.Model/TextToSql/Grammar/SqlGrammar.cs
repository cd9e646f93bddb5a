namespace Gateway.Model.TextToSql;

/// <summary>The decoding mask: which actions may follow a prefix so that the result is a well-formed query over existing names.</summary>
public static class SqlGrammar
{
    /// <summary>
    /// The mask after <paramref name="prefix"/>. Replays the prefix; a beam that keeps one <see cref="SqlGrammarState"/>
    /// per hypothesis and calls <see cref="SqlGrammarState.Allowed"/> avoids the replay.
    /// </summary>
    public static AllowedActions Next(PointerExample example, IReadOnlyList<SqlAction> prefix) => Replay(example, prefix).Allowed();

    /// <summary>The state after <paramref name="actions"/>; throws, naming the step, when one is not allowed.</summary>
    public static SqlGrammarState Replay(PointerExample example, IReadOnlyList<SqlAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var state = SqlGrammarState.Start(example);
        foreach (var action in actions)
        {
            state = state.Advance(action);
        }

        return state;
    }

    /// <summary>True when <paramref name="actions"/> is a complete query the grammar accepts, ending with the end keyword.</summary>
    public static bool Accepts(PointerExample example, IReadOnlyList<SqlAction> actions, out string reason)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var state = SqlGrammarState.Start(example);
        foreach (var action in actions)
        {
            if (!state.TryAdvance(action, out state, out reason))
            {
                return false;
            }
        }

        reason = state.IsComplete ? "" : "the actions stop before the query is complete";
        return state.IsComplete;
    }
}
