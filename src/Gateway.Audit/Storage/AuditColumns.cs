using System.Data.Common;
using Gateway.Audit.Trail;

namespace Gateway.Audit.Storage;

/// <summary>
/// The audit table's columns, the same in every engine: the record's fields in <see cref="AuditChain"/> order, the
/// time as UTC ticks (the exact value the hash covers; a timestamp type would round it).
/// </summary>
internal static class AuditColumns
{
    public const string Names =
        "id, time_ticks, principal, source, question, generated_sql, executed_sql, verdict, rule, row_count, duration_ms, error_code, trace_id, model_id, prev_hash, hash";

    private static readonly string[] Parameters =
        ["id", "time", "principal", "source", "question", "generated", "executed", "verdict", "rule", "rows", "duration", "error", "trace", "model", "prev", "hash"];

    /// <summary>An INSERT of one record into <paramref name="table"/>, its values bound by <see cref="Bind"/>.</summary>
    public static string InsertSql(string table) =>
        $"INSERT INTO {table} ({Names}) VALUES ({string.Join(", ", Parameters.Select(p => "@" + p))})";

    /// <summary>Replaces the command's parameters with the record's values.</summary>
    public static void Bind(DbCommand command, AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(record);
        object?[] values =
        [
            record.Id, record.Time.UtcTicks, record.Principal, record.Source, record.Question, record.GeneratedSql,
            record.ExecutedSql, record.Verdict.ToName(), record.Rule, record.RowCount, record.DurationMs, record.ErrorCode,
            record.TraceId, record.ModelId, record.PreviousHash, record.Hash,
        ];
        command.Parameters.Clear();
        for (var i = 0; i < Parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = Parameters[i];
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }
}
