using Gateway.Sql.Parsing;

namespace Gateway.Sql.Rewriting;

/// <summary>Enforces the row cap by splicing the original text. (Placeholder: returns the SQL unchanged.)</summary>
internal static class RowCapRewriter
{
    public static string Rewrite(ParseResult parse, int maxRows) => parse.Sql;
}
