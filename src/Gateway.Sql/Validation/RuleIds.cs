namespace Gateway.Sql.Validation;

/// <summary>Stable rule identifiers carried by rejections; the audit trail and clients match on them.</summary>
public static class RuleIds
{
    public const string InputEmpty = "input.empty";
    public const string InputMalformed = "input.malformed";
    public const string InputTooLarge = "input.too_large";
    public const string ParseError = "parse.error";
    public const string AmbiguousSyntax = "parse.ambiguous";
    public const string SingleStatement = "statement.single";
    public const string QueryRoot = "statement.not_query";
    public const string DataChange = "statement.data_change";
    public const string SelectInto = "statement.select_into";
    public const string Locking = "statement.locking";
    public const string TransactionControl = "statement.transaction";
    public const string SessionControl = "statement.session";
    public const string ExplainAnalyze = "statement.explain_analyze";
    public const string DeniedFunction = "function.denied";
    public const string ProtectedRelation = "relation.protected";
    public const string TableNotAllowed = "table.not_allowed";
    public const string TableDenied = "table.denied";
    public const string ColumnDenied = "column.denied";
    public const string ColumnMasked = "column.masked";
}
