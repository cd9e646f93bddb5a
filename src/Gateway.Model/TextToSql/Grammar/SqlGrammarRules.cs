namespace Gateway.Model.TextToSql;

/// <summary>
/// The action grammar as an LL(1) grammar over keyword indexes and four pointer categories. Built once; checked for
/// LL(1) conflicts when built, so a grammar edit that makes decoding ambiguous fails every test at once.
/// </summary>
/// <remarks>
/// <code>
/// Root       → Query &lt;end&gt;
/// Query      → from Table Tables select Distinct Item Items Where GroupBy Having OrderBy Limit SetOp ⟨pop⟩
/// Tables     → Table JoinOn Tables | ε        JoinOn → Column Column JoinOn | ε   (explicit join conditions, rarely needed)
/// Item       → * | Expr            Expr → Col ExprTail            ExprTail → (+|-|*|/) Col | ε
/// Col        → Column | count CountArg | (max|min|sum|avg) AggArg
/// CountArg   → * | distinct Column | Column                        AggArg → distinct Column | Column
/// Cond       → Unit CondRest       CondRest → (and|or) Unit CondRest | ε
/// Unit       → Expr Not Op         Op → (=|&gt;|&lt;|&gt;=|&lt;=|!=) Operand | in ( Query ) | like Pattern | between Operand and Operand
/// Pattern    → [%] Value [%]       (LIKE '%x%' is like % x %)
/// Operand    → Value | ( Query ) | Col
/// GroupBy    → group_by Column Columns | ε     OrderBy → order_by Expr Exprs (asc|desc) | ε
/// Limit      → limit Number | ε                  SetOp → (union|intersect|except) Query | ε
/// </code>
/// </remarks>
internal static class SqlGrammarRules
{
    // Symbols: keyword indexes, then the pointer categories, then a marker, then nonterminals.
    public static readonly int Table = SqlKeywords.Count;
    public static readonly int Column = SqlKeywords.Count + 1;
    public static readonly int Star = SqlKeywords.Count + 2;
    public static readonly int Value = SqlKeywords.Count + 3;
    public static readonly int NumberValue = SqlKeywords.Count + 4;
    public static readonly int TerminalCount = SqlKeywords.Count + 5;

    /// <summary>Zero-width: closes the table scope of the query that just ended.</summary>
    public static readonly int PopScope = TerminalCount;

    public static readonly int Root;

    private static readonly List<string> NonterminalNames = [];
    private static readonly List<int[][]> ProductionsByNonterminal = [];

    // Per nonterminal: terminal -> production, whether it can be empty, and its FIRST set.
    private static readonly Dictionary<int, int>[] Predict;
    private static readonly bool[] Nullable;
    private static readonly bool[][] First;

    static SqlGrammarRules()
    {
        int K(string keyword) => SqlKeywords.IndexOf(keyword);
        int N(string name)
        {
            var i = NonterminalNames.IndexOf(name);
            if (i < 0)
            {
                NonterminalNames.Add(name);
                ProductionsByNonterminal.Add([]);
                i = NonterminalNames.Count - 1;
            }

            return TerminalCount + 1 + i;
        }

        void Rule(string name, params int[][] productions) => ProductionsByNonterminal[N(name) - TerminalCount - 1] = productions;

        int[] Seq(params int[] symbols) => symbols;
        int[] Empty() => [];

        Root = N("Root");
        Rule("Root", Seq(N("Query"), SqlKeywords.End));
        Rule("Query", Seq(K("from"), Table, N("Tables"), K("select"), N("Distinct"), N("Item"), N("Items"),
            N("Where"), N("GroupBy"), N("Having"), N("OrderBy"), N("Limit"), N("SetOp"), PopScope));
        Rule("Tables", Seq(Table, N("JoinOn"), N("Tables")), Empty());
        Rule("JoinOn", Seq(Column, Column, N("JoinOn")), Empty());
        Rule("Distinct", Seq(K("distinct")), Empty());
        Rule("Item", Seq(Star), Seq(N("Expr")));
        Rule("Items", Seq(K(","), N("Item"), N("Items")), Empty());
        Rule("Expr", Seq(N("Col"), N("ExprTail")));
        Rule("ExprTail", Seq(K("+"), N("Col")), Seq(K("-"), N("Col")), Seq(K("*"), N("Col")), Seq(K("/"), N("Col")), Empty());
        Rule("Col", Seq(Column), Seq(K("count"), N("CountArg")),
            Seq(K("max"), N("AggArg")), Seq(K("min"), N("AggArg")), Seq(K("sum"), N("AggArg")), Seq(K("avg"), N("AggArg")));
        Rule("CountArg", Seq(Star), Seq(K("distinct"), Column), Seq(Column));
        Rule("AggArg", Seq(K("distinct"), Column), Seq(Column));
        Rule("Where", Seq(K("where"), N("Cond")), Empty());
        Rule("Cond", Seq(N("Unit"), N("CondRest")));
        Rule("CondRest", Seq(K("and"), N("Unit"), N("CondRest")), Seq(K("or"), N("Unit"), N("CondRest")), Empty());
        Rule("Unit", Seq(N("Expr"), N("Not"), N("Op")));
        Rule("Not", Seq(K("not")), Empty());
        Rule("Op",
            Seq(K("="), N("Operand")), Seq(K(">"), N("Operand")), Seq(K("<"), N("Operand")), Seq(K(">="), N("Operand")),
            Seq(K("<="), N("Operand")), Seq(K("!="), N("Operand")), Seq(K("in"), K("("), N("Query"), K(")")), Seq(K("like"), N("Pattern")),
            Seq(K("between"), N("Operand"), K("and"), N("Operand")));
        Rule("Pattern", Seq(K("%"), Value, N("PatternEnd")), Seq(Value, N("PatternEnd")));
        Rule("PatternEnd", Seq(K("%")), Empty());
        Rule("Operand", Seq(Value), Seq(K("("), N("Query"), K(")")), Seq(N("Col")));
        Rule("GroupBy", Seq(K("group_by"), Column, N("Columns")), Empty());
        Rule("Columns", Seq(K(","), Column, N("Columns")), Empty());
        Rule("Having", Seq(K("having"), N("Cond")), Empty());
        Rule("OrderBy", Seq(K("order_by"), N("Expr"), N("Exprs"), N("Direction")), Empty());
        Rule("Exprs", Seq(K(","), N("Expr"), N("Exprs")), Empty());
        Rule("Direction", Seq(K("asc")), Seq(K("desc")));
        Rule("Limit", Seq(K("limit"), NumberValue), Empty());
        Rule("SetOp", Seq(K("union"), N("Query")), Seq(K("intersect"), N("Query")), Seq(K("except"), N("Query")), Empty());

        var count = NonterminalNames.Count;
        Nullable = new bool[count];
        First = new bool[count][];
        for (var i = 0; i < count; i++)
        {
            First[i] = new bool[TerminalCount];
        }

        // Fixed point over FIRST and nullable.
        for (var changed = true; changed;)
        {
            changed = false;
            for (var n = 0; n < count; n++)
            {
                foreach (var production in ProductionsByNonterminal[n])
                {
                    var allNullable = true;
                    foreach (var symbol in production)
                    {
                        if (symbol == PopScope)
                        {
                            continue;
                        }

                        if (symbol < TerminalCount)
                        {
                            changed |= !First[n][symbol];
                            First[n][symbol] = true;
                            allNullable = false;
                            break;
                        }

                        var m = symbol - TerminalCount - 1;
                        for (var t = 0; t < TerminalCount; t++)
                        {
                            if (First[m][t] && !First[n][t])
                            {
                                First[n][t] = true;
                                changed = true;
                            }
                        }

                        if (!Nullable[m])
                        {
                            allNullable = false;
                            break;
                        }
                    }

                    if (allNullable && !Nullable[n])
                    {
                        Nullable[n] = true;
                        changed = true;
                    }
                }
            }
        }

        Predict = new Dictionary<int, int>[count];
        for (var n = 0; n < count; n++)
        {
            Predict[n] = [];
            var productions = ProductionsByNonterminal[n];
            for (var p = 0; p < productions.Length; p++)
            {
                if (productions[p].Length == 0)
                {
                    continue;
                }

                foreach (var terminal in FirstOfSequence(productions[p]))
                {
                    if (!Predict[n].TryAdd(terminal, p))
                    {
                        throw new InvalidOperationException($"SQL action grammar is not LL(1): {NonterminalNames[n]} has two productions starting with symbol {terminal}");
                    }
                }
            }
        }
    }

    public static bool IsTerminal(int symbol) => symbol < TerminalCount;

    public static bool IsNullable(int nonterminal) => Nullable[nonterminal - TerminalCount - 1];

    public static bool[] FirstOf(int nonterminal) => First[nonterminal - TerminalCount - 1];

    /// <summary>The production of <paramref name="nonterminal"/> that starts with <paramref name="terminal"/>, or null for the empty one.</summary>
    public static int[]? Expand(int nonterminal, int terminal)
    {
        var n = nonterminal - TerminalCount - 1;
        if (Predict[n].TryGetValue(terminal, out var production))
        {
            return ProductionsByNonterminal[n][production];
        }

        return Nullable[n] ? [] : null;
    }

    public static string NameOf(int symbol) =>
        symbol < SqlKeywords.Count ? SqlKeywords.Name(symbol)
        : symbol == Table ? "<table>"
        : symbol == Column ? "<column>"
        : symbol == Star ? "*"
        : symbol == Value ? "<value>"
        : symbol == NumberValue ? "<number>"
        : symbol == PopScope ? "<pop>"
        : NonterminalNames[symbol - TerminalCount - 1];

    private static HashSet<int> FirstOfSequence(int[] symbols)
    {
        var result = new HashSet<int>();
        foreach (var symbol in symbols)
        {
            if (symbol == PopScope)
            {
                continue;
            }

            if (symbol < TerminalCount)
            {
                result.Add(symbol);
                return result;
            }

            var m = symbol - TerminalCount - 1;
            for (var t = 0; t < TerminalCount; t++)
            {
                if (First[m][t])
                {
                    result.Add(t);
                }
            }

            if (!Nullable[m])
            {
                return result;
            }
        }

        return result;
    }
}
