using System.Text;
using Gateway.Audit.Trail;
using Microsoft.Data.Sqlite;

namespace Gateway.Audit.Sqlite;

/// <summary>Turns an <see cref="AuditFilter"/> into a parameterised WHERE clause; values never enter the SQL text.</summary>
internal static class AuditFilterSql
{
    public static string Where(AuditFilter filter, SqliteCommand command, long? beforeId = null)
    {
        var clauses = new List<string>();
        void Add(string clause, string name, object value)
        {
            clauses.Add(clause);
            command.Parameters.AddWithValue(name, value);
        }

        if (filter.Principal is { } principal)
        {
            Add("principal = $principal", "$principal", principal);
        }

        if (filter.Source is { } source)
        {
            Add("source = $source", "$source", source);
        }

        if (filter.Verdict is { } verdict)
        {
            Add("verdict = $verdict", "$verdict", verdict.ToName());
        }

        if (filter.Rule is { } rule)
        {
            Add("rule = $rule", "$rule", rule);
        }

        if (filter.From is { } from)
        {
            Add("time_ticks >= $from", "$from", from.UtcTicks);
        }

        if (filter.To is { } to)
        {
            Add("time_ticks < $to", "$to", to.UtcTicks);
        }

        if (beforeId is { } before)
        {
            Add("id < $before", "$before", before);
        }

        if (clauses.Count == 0)
        {
            return string.Empty;
        }

        var where = new StringBuilder(" WHERE ");
        where.AppendJoin(" AND ", clauses);
        return where.ToString();
    }
}
