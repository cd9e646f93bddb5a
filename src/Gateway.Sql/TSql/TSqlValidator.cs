using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Sql.TSql;

/// <summary>Validates T-SQL parsed by ScriptDom. (Being written.)</summary>
internal sealed class TSqlValidator
{
    public SqlVerdict Validate(string sql, SqlPolicy policy) =>
        SqlVerdict.Reject(RuleIds.ParseError, "The T-SQL validator is not built yet; nothing is allowed.");
}
