using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.TSql;

/// <summary>
/// The statement-shape rules: exactly one batch holding exactly one plain <see cref="SelectStatement"/>. Anything
/// else is refused; the classification below only picks the rule id and wording for the refusal.
/// </summary>
internal static class TSqlStatementRules
{
    public static TSqlViolation? Check(TSqlScript script, out SelectStatement? select)
    {
        select = null;
        var statements = new List<TSqlStatement>(1);
        foreach (var batch in script.Batches)
        {
            statements.AddRange(batch.Statements);
        }

        if (statements.Count == 0)
        {
            return new TSqlViolation(RuleIds.InputEmpty, "The SQL text holds no statement.", script);
        }

        if (statements.Count > 1)
        {
            return new TSqlViolation(RuleIds.SingleStatement,
                $"Only one statement is allowed; found {statements.Count} statements in {script.Batches.Count} batch(es).", statements[1]);
        }

        // The exact type, not `is`: a future ScriptDom subclass of SelectStatement is not known to be safe.
        if (statements[0].GetType() == typeof(SelectStatement))
        {
            select = (SelectStatement)statements[0];
            return null;
        }

        return Classify(statements[0]);
    }

    /// <summary>
    /// Words and rule for a statement that is not a query, in the taxonomy the other dialects use: data changes
    /// (INSERT, UPDATE, DELETE, MERGE, TRUNCATE, BULK INSERT, and DDL and GRANT/REVOKE/DENY, which change the schema
    /// or permissions), transaction control, session control (SET, USE, DECLARE, EXEC, WAITFOR, cursors) and, for
    /// everything else (KILL, DBCC, control flow), not a query.
    /// Any statement not named here is still refused.
    /// </summary>
    public static TSqlViolation Classify(TSqlStatement statement)
    {
        var kind = statement.GetType().Name;
        return statement switch
        {
            DataModificationStatement or TruncateTableStatement or BulkInsertBase =>
                new(RuleIds.DataChange, $"The statement changes data ({Describe(kind)}); only SELECT is allowed.", statement),
            TransactionStatement =>
                new(RuleIds.TransactionControl, $"Transaction control ({Describe(kind)}) is not allowed; the gateway runs each query in its own read-only transaction.", statement),
            UseStatement or SetTransactionIsolationLevelStatement or SetOnOffStatement or ExecuteStatement or WaitForStatement
                or CursorStatement or DeallocateCursorStatement =>
                new(RuleIds.SessionControl, $"The statement changes or drives the session ({Describe(kind)}); only SELECT is allowed.", statement),
            _ when kind.StartsWith("Set", StringComparison.Ordinal) || kind.StartsWith("Declare", StringComparison.Ordinal) =>
                new(RuleIds.SessionControl, $"The statement changes or drives the session ({Describe(kind)}); only SELECT is allowed.", statement),
            _ when kind.StartsWith("Create", StringComparison.Ordinal) || kind.StartsWith("Alter", StringComparison.Ordinal)
                || kind.StartsWith("Drop", StringComparison.Ordinal) || statement is SecurityStatement or SecurityStatementBody80 =>
                new(RuleIds.DataChange, $"The statement changes the schema or permissions ({Describe(kind)}); only SELECT is allowed.", statement),
            _ => new(RuleIds.QueryRoot, $"Only a single SELECT query is allowed; found {Describe(kind)}.", statement),
        };
    }

    /// <summary>"WaitForStatement" → "WAIT FOR statement" reads better in a message than the type name.</summary>
    private static string Describe(string typeName)
    {
        var name = typeName.EndsWith("Statement", StringComparison.Ordinal) ? typeName[..^"Statement".Length] : typeName;
        var words = string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString())).ToUpperInvariant();
        return $"{words} statement";
    }
}
