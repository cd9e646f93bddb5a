namespace Gateway.Model.TextToSql.Network;

/// <summary>
/// A grammar that also forbids the keywords a model was not trained on: a model trained on the first
/// <c>known</c> entries of <see cref="SqlKeywords"/> (before later ones were appended) never emits the rest.
/// </summary>
public sealed class KnownKeywordsGrammar(IActionGrammar inner, int known) : IActionGrammar
{
    public IGrammarCursor Start(PointerExample example) => new Cursor(inner.Start(example), known);

    private sealed class Cursor(IGrammarCursor inner, int known) : IGrammarCursor
    {
        public AllowedActions Allowed()
        {
            var allowed = inner.Allowed();
            if (known >= allowed.Keywords.Length)
            {
                return allowed;
            }

            var keywords = (bool[])allowed.Keywords.Clone();
            Array.Fill(keywords, false, known, keywords.Length - known);
            return allowed with { Keywords = keywords };
        }

        public IGrammarCursor? Advance(SqlAction action) =>
            action.Kind == SqlActionKind.Keyword && action.Index >= known ? null
            : inner.Advance(action) is { } next ? new Cursor(next, known) : null;
    }
}
