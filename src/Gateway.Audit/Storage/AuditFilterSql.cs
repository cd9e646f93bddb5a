using System.Data.Common;
using System.Text;
using Gateway.Audit.Trail;

namespace Gateway.Audit.Storage;

/// <summary>
/// Turns an <see cref="AuditFilter"/> into a parameterised WHERE clause; values never enter the SQL text. The
/// <c>@name</c> parameters read the same in SQLite and PostgreSQL, so both stores filter with this one builder.
/// </summary>
internal static class AuditFilterSql
{
    public static string Where(AuditFilter filter, DbCommand command, long? beforeId = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(command);
        var clauses = new List<string>();
        void Add(string column, string comparison, string name, object value)
        {
            clauses.Add($"{column} {comparison} @{name}");
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        if (filter.Principal is { } principal)
        {
            Add("principal", "=", "principal", principal);
        }

        if (filter.Source is { } source)
        {
            Add("source", "=", "source", source);
        }

        if (filter.Verdict is { } verdict)
        {
            Add("verdict", "=", "verdict", verdict.ToName());
        }

        if (filter.Rule is { } rule)
        {
            Add("rule", "=", "rule", rule);
        }

        if (filter.From is { } from)
        {
            Add("time_ticks", ">=", "from", from.UtcTicks);
        }

        if (filter.To is { } to)
        {
            Add("time_ticks", "<", "to", to.UtcTicks);
        }

        if (beforeId is { } before)
        {
            Add("id", "<", "before", before);
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
