using System.Data.Common;
using System.Globalization;
using System.Text;
using Gateway.Execution.Sources;

namespace Gateway.Execution.Demo;

/// <summary>
/// Loads the demo data set into an open, writable connection of any supported engine: drops and recreates the
/// tables from <see cref="DemoDdl"/>, then inserts in parameterised multi-row batches inside one transaction.
/// </summary>
internal static class DemoLoader
{
    /// <summary>Parameters per statement stay well under every engine's limit (SQLite's is 32,766).</summary>
    private const int MaxParameters = 4_000;

    public static async Task LoadAsync(DbConnection connection, SourceProvider provider, DemoData data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(data);
        if (provider == SourceProvider.SqlServer)
        {
            throw new NotSupportedException("The demo data set loads into SQLite, PostgreSQL and MySQL/MariaDB.");
        }

        foreach (var statement in DemoDdl.DropAll(provider).Concat(DemoDdl.CreateAll(provider)))
        {
            await ExecuteAsync(connection, null, statement, cancellationToken).ConfigureAwait(false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            foreach (var table in DemoSchema.Tables)
            {
                await InsertAsync(connection, transaction, provider, table, data[table.Name], cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, null, DemoDdl.Analyze(provider), cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, SourceProvider provider, DemoTable table, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        // SQLite is in-process: one prepared single-row INSERT is fastest (binding many named parameters is
        // quadratic there). Servers get multi-row statements to save round trips.
        var batch = provider == SourceProvider.Sqlite ? 1 : Math.Max(1, MaxParameters / table.Columns.Count);
        DbCommand? command = null;
        try
        {
            for (var start = 0; start < rows.Count; start += batch)
            {
                var count = Math.Min(batch, rows.Count - start);
                if (command is null || command.Parameters.Count != count * table.Columns.Count)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync().ConfigureAwait(false);
                    }

                    command = CreateInsert(connection, transaction, table, count);
                }

                for (var r = 0; r < count; r++)
                {
                    for (var c = 0; c < table.Columns.Count; c++)
                    {
                        command.Parameters[(r * table.Columns.Count) + c].Value = ToParameter(rows[start + r][c], provider);
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static DbCommand CreateInsert(DbConnection connection, DbTransaction transaction, DemoTable table, int rowCount)
    {
        var width = table.Columns.Count;
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var text = new StringBuilder($"INSERT INTO {table.Name} ({string.Join(", ", table.Columns.Select(c => c.Name))}) VALUES ");
        for (var r = 0; r < rowCount; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < width; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@p{(r * width) + c}");
                text.Append(c == 0 ? name : $", {name}");
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        return command;
    }

    /// <summary>SQLite has no date type: dates and timestamps go in as the ISO text its date functions read.</summary>
    private static object ToParameter(object? value, SourceProvider provider) => (value, provider) switch
    {
        (null, _) => DBNull.Value,
        (DateOnly date, SourceProvider.Sqlite) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        (DateTime time, SourceProvider.Sqlite) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        (DateOnly date, SourceProvider.MySql) => date.ToDateTime(TimeOnly.MinValue),
        _ => value,
    };

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
