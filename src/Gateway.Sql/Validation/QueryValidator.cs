using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;

namespace Gateway.Sql.Validation;

/// <summary>Validates PostgreSQL, MySQL and SQLite through the gateway's own parser. (Being written.)</summary>
internal sealed class QueryValidator
{
    public SqlVerdict Validate(string sql, SqlDialectKind dialect, SqlPolicy policy) =>
        SqlVerdict.Reject(RuleIds.ParseError, $"The {dialect.ToName()} parser is not built yet; nothing is allowed.");
}
