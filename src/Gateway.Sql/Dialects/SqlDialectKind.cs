namespace Gateway.Sql.Dialects;

/// <summary>The SQL dialects the gateway parses and validates.</summary>
public enum SqlDialectKind
{
    Postgres,
    MySql,
    SqlServer,
    Sqlite,
}
