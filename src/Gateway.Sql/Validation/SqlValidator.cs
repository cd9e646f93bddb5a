using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.TSql;

namespace Gateway.Sql.Validation;

/// <summary>
/// The one entry point of the parse-and-validate stage. T-SQL is parsed by ScriptDom; PostgreSQL, MySQL and
/// SQLite by the gateway's own front end. Both judge by the same rule ids.
/// </summary>
public sealed class SqlValidator : ISqlValidator
{
    /// <summary>Longer input is refused before parsing, so a single request cannot tie up the parser.</summary>
    public const int MaxSqlLength = 1_000_000;

    private readonly QueryValidator _query = new();
    private readonly TSqlValidator _tsql = new();

    public SqlVerdict Validate(string sql, SqlDialectKind dialect, SqlPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(policy);
        if (string.IsNullOrWhiteSpace(sql))
        {
            return SqlVerdict.Reject(RuleIds.InputEmpty, "The SQL text is empty.");
        }

        if (sql.Length > MaxSqlLength)
        {
            return SqlVerdict.Reject(RuleIds.InputTooLarge, $"The SQL text is {sql.Length:N0} characters; the limit is {MaxSqlLength:N0}.");
        }

        return dialect == SqlDialectKind.SqlServer
            ? _tsql.Validate(sql, policy)
            : _query.Validate(sql, dialect, policy);
    }
}
