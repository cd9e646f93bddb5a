using System.Diagnostics;
using System.Globalization;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Sql.Benchmarks;

/// <summary>
/// A quick check of the T-SQL overhead budget (validate within 10 % of ScriptDom's parse alone) that stays readable
/// on a busy machine: parse and validate alternate in small batches, and the fastest batch of each is compared,
/// since noise from other processes only ever adds time. Run: dotnet run -c Release --project
/// tests/Gateway.Sql.Benchmarks -- overhead [batches]
/// </summary>
internal static class TSqlOverhead
{
    private const int PerBatch = 20;

    public static void Run(int batches)
    {
        var validator = new SqlValidator();
        var policies = new Dictionary<string, SqlPolicy>
        {
            ["default policy"] = SqlPolicyLoader.LoadDefault(),
            ["denied columns"] = SqlPolicyLoader.LoadDefault() with
            {
                DeniedColumns = new HashSet<string>(["users.ssn", "password_hash"], StringComparer.OrdinalIgnoreCase),
            },
        };
        foreach (var (policyName, policy) in policies)
        {
            foreach (var (queryName, sql) in Queries.TSql)
            {
                var parse = double.MaxValue;
                var validate = double.MaxValue;
                for (var batch = 0; batch < batches; batch++)
                {
                    var clock = Stopwatch.StartNew();
                    for (var i = 0; i < PerBatch; i++)
                    {
                        using var reader = new StringReader(sql);
                        new TSql170Parser(initialQuotedIdentifiers: true).Parse(reader, out _);
                    }

                    parse = Math.Min(parse, clock.Elapsed.TotalMicroseconds / PerBatch);
                    clock.Restart();
                    for (var i = 0; i < PerBatch; i++)
                    {
                        validator.Validate(sql, SqlDialectKind.SqlServer, policy);
                    }

                    validate = Math.Min(validate, clock.Elapsed.TotalMicroseconds / PerBatch);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{policyName,-15} {queryName,-11} parse {parse,8:F1} us  validate {validate,8:F1} us  overhead {100 * (validate / parse - 1),5:F1} %"));
            }
        }
    }
}
