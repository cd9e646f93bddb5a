using Gateway.Sql.Ast;

namespace Gateway.Sql.Validation.Rules;

/// <summary>Which rule owns each kind of non-query statement.</summary>
internal static class StatementCategories
{
    public static bool IsDataChange(StatementKind kind) => kind is StatementKind.Insert or StatementKind.Update
        or StatementKind.Delete or StatementKind.Merge or StatementKind.Replace or StatementKind.Truncate or StatementKind.Copy;

    public static bool IsTransactionControl(StatementKind kind) => kind is StatementKind.Begin or StatementKind.Commit
        or StatementKind.Rollback or StatementKind.Savepoint or StatementKind.Release or StatementKind.Xa;

    public static bool IsSessionControl(StatementKind kind) => kind is StatementKind.Set or StatementKind.Reset
        or StatementKind.Use or StatementKind.Execute or StatementKind.Call or StatementKind.Prepare
        or StatementKind.Deallocate or StatementKind.Do or StatementKind.Pragma or StatementKind.Attach
        or StatementKind.Detach or StatementKind.Load or StatementKind.Listen or StatementKind.Notify
        or StatementKind.Unlisten or StatementKind.Declare or StatementKind.Fetch or StatementKind.Move
        or StatementKind.Close or StatementKind.Discard or StatementKind.Signal or StatementKind.Get
        or StatementKind.Handler;

    public static bool IsLocking(StatementKind kind) => kind is StatementKind.Lock or StatementKind.Unlock;

    /// <summary>How a statement kind is named in messages: <c>DROP</c>, <c>START TRANSACTION</c>.</summary>
    public static string Describe(Statement statement, string sql) => statement switch
    {
        UnparsedStatement unparsed => sql.Substring(unparsed.Keywords.Start, unparsed.Keywords.Length).ToUpperInvariant(),
        ExplainStatement => "EXPLAIN",
        _ => statement.Kind.ToString().ToUpperInvariant(),
    };
}
