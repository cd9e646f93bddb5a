namespace Gateway.Execution.Sources;

/// <summary>The database engines a source can be.</summary>
public enum SourceProvider
{
    Sqlite,
    Postgres,
    MySql,
    SqlServer,
}
