namespace Gateway.Model.TextToSql;

/// <summary>
/// Where decoding stands in the action grammar, for one example. Immutable: <see cref="Advance"/> returns a new state
/// sharing the old one's stacks, so a beam keeps one state per hypothesis at no copying cost.
/// </summary>
public sealed class SqlGrammarState
{
    private readonly PointerExample _example;
    private readonly SymbolNode? _stack;
    private readonly ScopeNode? _scopes;

    private SqlGrammarState(PointerExample example, SymbolNode? stack, ScopeNode? scopes, int length)
    {
        _example = example;
        _stack = stack;
        _scopes = scopes;
        Length = length;
    }

    /// <summary>The state before the first action of <paramref name="example"/>.</summary>
    public static SqlGrammarState Start(PointerExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return new SqlGrammarState(example, new SymbolNode(SqlGrammarRules.Root, null), null, 0);
    }

    /// <summary>How many actions have been taken.</summary>
    public int Length { get; }

    /// <summary>True once the end keyword has been taken: nothing more may follow.</summary>
    public bool IsComplete => _stack is null;

    /// <summary>The actions that may come next.</summary>
    public AllowedActions Allowed()
    {
        var schema = _example.Schema;
        var keywords = new bool[SqlKeywords.Count];
        var columns = new bool[schema.Columns.Count];
        var tables = new bool[schema.Tables.Count];
        var values = false;
        var onlyNumbers = false;
        var scopes = _scopes;
        for (var node = _stack; node is not null; node = node.Next)
        {
            var symbol = node.Symbol;
            if (symbol == SqlGrammarRules.PopScope)
            {
                scopes = scopes?.Parent;
                continue;
            }

            if (symbol == SqlGrammarRules.NumberValue)
            {
                // Only ever directly after 'limit', so nothing else is allowed beside it.
                values = _example.Values.Any(v => v.IsNumber);
                onlyNumbers = true;
                break;
            }

            if (SqlGrammarRules.IsTerminal(symbol))
            {
                AllowTerminal(symbol, scopes, keywords, columns, tables, ref values);
                break;
            }

            var first = SqlGrammarRules.FirstOf(symbol);
            for (var t = 0; t < first.Length; t++)
            {
                if (first[t])
                {
                    AllowTerminal(t, scopes, keywords, columns, tables, ref values);
                }
            }

            if (!SqlGrammarRules.IsNullable(symbol))
            {
                break;
            }
        }

        return new AllowedActions(keywords, columns, tables, values) { OnlyNumberValues = onlyNumbers };
    }

    /// <summary>The state after <paramref name="action"/>; throws when the grammar or the schema does not allow it.</summary>
    public SqlGrammarState Advance(SqlAction action) =>
        TryAdvance(action, out var next, out var reason) ? next : throw new InvalidOperationException(reason);

    public bool TryAdvance(SqlAction action, out SqlGrammarState next) => TryAdvance(action, out next, out _);

    /// <summary>Takes <paramref name="action"/> if allowed; otherwise says why in <paramref name="reason"/>.</summary>
    public bool TryAdvance(SqlAction action, out SqlGrammarState next, out string reason)
    {
        next = this;
        if (!TryTerminal(action, out var terminal, out reason))
        {
            return false;
        }

        var stack = _stack;
        var scopes = _scopes;
        while (stack is not null)
        {
            var symbol = stack.Symbol;
            stack = stack.Next;
            if (symbol == SqlGrammarRules.PopScope)
            {
                scopes = scopes?.Parent;
                continue;
            }

            if (symbol == SqlGrammarRules.NumberValue && terminal == SqlGrammarRules.Value)
            {
                if (!_example.Values[action.Index].IsNumber)
                {
                    reason = $"value {action.Index} ('{_example.Values[action.Index].Text}') is not a number, and a LIMIT needs one";
                    return false;
                }

                next = new SqlGrammarState(_example, stack, scopes, Length + 1);
                return true;
            }

            if (SqlGrammarRules.IsTerminal(symbol))
            {
                if (symbol != terminal)
                {
                    reason = $"{Describe(action)} is not allowed at step {Length}: expected {SqlGrammarRules.NameOf(symbol)}";
                    return false;
                }

                if (!TrySchemaCheck(action, terminal, ref scopes, out reason))
                {
                    return false;
                }

                next = new SqlGrammarState(_example, stack, scopes, Length + 1);
                return true;
            }

            var production = SqlGrammarRules.Expand(symbol, terminal);
            if (production is null)
            {
                reason = $"{Describe(action)} is not allowed at step {Length}: {SqlGrammarRules.NameOf(symbol)} cannot start with it";
                return false;
            }

            for (var i = production.Length - 1; i >= 0; i--)
            {
                stack = new SymbolNode(production[i], stack);
            }
        }

        reason = $"{Describe(action)} is not allowed at step {Length}: the query is already complete";
        return false;
    }

    private bool TryTerminal(SqlAction action, out int terminal, out string reason)
    {
        reason = "";
        terminal = -1;
        var schema = _example.Schema;
        switch (action.Kind)
        {
            case SqlActionKind.Keyword when (uint)action.Index < (uint)SqlKeywords.Count:
                terminal = action.Index;
                return true;
            case SqlActionKind.Table when (uint)action.Index < (uint)schema.Tables.Count:
                terminal = SqlGrammarRules.Table;
                return true;
            case SqlActionKind.Column when action.Index == 0:
                terminal = SqlGrammarRules.Star;
                return true;
            case SqlActionKind.Column when (uint)action.Index < (uint)schema.Columns.Count:
                terminal = SqlGrammarRules.Column;
                return true;
            case SqlActionKind.Value when (uint)action.Index < (uint)_example.Values.Count:
                terminal = SqlGrammarRules.Value;
                return true;
            default:
                reason = $"{action.Kind} {action.Index} is out of range for this example";
                return false;
        }
    }

    private bool TrySchemaCheck(SqlAction action, int terminal, ref ScopeNode? scopes, out string reason)
    {
        reason = "";
        if (terminal == SqlKeywords.IndexOf("from"))
        {
            scopes = new ScopeNode([], scopes);
        }
        else if (terminal == SqlGrammarRules.Table)
        {
            if (scopes is null || scopes.Tables.Contains(action.Index))
            {
                reason = $"table {_example.Schema.Tables[action.Index].Name} is already in FROM";
                return false;
            }

            scopes = new ScopeNode([.. scopes.Tables, action.Index], scopes.Parent);
        }
        else if (terminal == SqlGrammarRules.Column)
        {
            var table = _example.Schema.Columns[action.Index].TableIndex;
            if (scopes is null || !scopes.Tables.Contains(table))
            {
                reason = $"column {_example.Schema.Columns[action.Index].Name} belongs to table {_example.Schema.Tables[table].Name}, which is not in FROM";
                return false;
            }
        }

        return true;
    }

    private void AllowTerminal(int terminal, ScopeNode? scopes, bool[] keywords, bool[] columns, bool[] tables, ref bool values)
    {
        if (terminal < SqlKeywords.Count)
        {
            keywords[terminal] = true;
        }
        else if (terminal == SqlGrammarRules.Value)
        {
            values |= _example.Values.Count > 0;
        }
        else if (terminal == SqlGrammarRules.Star)
        {
            columns[0] = true;
        }
        else if (terminal == SqlGrammarRules.Table)
        {
            for (var t = 0; t < tables.Length; t++)
            {
                tables[t] = scopes is null || !scopes.Tables.Contains(t);
            }
        }
        else if (terminal == SqlGrammarRules.Column && scopes is not null)
        {
            var schemaColumns = _example.Schema.Columns;
            for (var c = 1; c < columns.Length; c++)
            {
                columns[c] = scopes.Tables.Contains(schemaColumns[c].TableIndex);
            }
        }
    }

    private string Describe(SqlAction action) => action.Kind switch
    {
        SqlActionKind.Keyword when (uint)action.Index < (uint)SqlKeywords.Count => $"keyword '{SqlKeywords.Name(action.Index)}'",
        _ => $"{action.Kind.ToString().ToLowerInvariant()} {action.Index}",
    };

    private sealed record SymbolNode(int Symbol, SymbolNode? Next);

    // The tables chosen so far in each open query, innermost first.
    private sealed record ScopeNode(int[] Tables, ScopeNode? Parent);
}
