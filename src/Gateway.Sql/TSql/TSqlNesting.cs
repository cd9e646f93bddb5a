using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// How deeply a token stream can nest, measured before parsing. ScriptDom parses (and its visitors walk) by
/// recursion, and a stack overflow ends the process: <c>SELECT ((((...1))))</c> with a few thousand parentheses is
/// enough. The measure over-approximates the recursion the parser will need: the deepest parenthesis, plus the deepest
/// CASE, plus the longest run of prefix operators (<c>NOT NOT ...</c>, <c>- - ...</c>).
/// </summary>
internal static class TSqlNesting
{
    public static int Depth(IList<TSqlParserToken> tokens)
    {
        int parentheses = 0, maxParentheses = 0, cases = 0, maxCases = 0, run = 0, maxRun = 0;
        foreach (var token in tokens)
        {
            switch (token.TokenType)
            {
                case TSqlTokenType.WhiteSpace or TSqlTokenType.SingleLineComment or TSqlTokenType.MultilineComment:
                    continue;
                case TSqlTokenType.LeftParenthesis:
                    maxParentheses = Math.Max(maxParentheses, ++parentheses);
                    break;
                case TSqlTokenType.RightParenthesis:
                    parentheses = Math.Max(0, parentheses - 1);
                    break;
                case TSqlTokenType.Case:
                    maxCases = Math.Max(maxCases, ++cases);
                    break;
                case TSqlTokenType.End:
                    cases = Math.Max(0, cases - 1);
                    break;
            }

            run = token.TokenType is TSqlTokenType.Not or TSqlTokenType.Minus or TSqlTokenType.Plus or TSqlTokenType.Tilde ? run + 1 : 0;
            maxRun = Math.Max(maxRun, run);
        }

        return maxParentheses + maxCases + maxRun;
    }
}
