using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;

namespace Gateway.Sql.Validation;

/// <summary>Judges one piece of SQL text against a policy. Never throws for bad input: it returns a rejection.</summary>
public interface ISqlValidator
{
    SqlVerdict Validate(string sql, SqlDialectKind dialect, SqlPolicy policy);
}
