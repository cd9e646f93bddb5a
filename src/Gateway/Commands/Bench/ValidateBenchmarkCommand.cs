using System.CommandLine;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Sql.Benchmarking;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Gateway.Commands.Bench;

/// <summary>
/// <c>gateway bench validate</c>: statements per second per dialect through the whole validator (parse, rules,
/// row-cap rewrite) on a mixed corpus of typical queries, single-threaded; for T-SQL also ScriptDom's parse
/// alone on the same statements in the same run, and the ratio of the two.
/// </summary>
internal sealed class ValidateBenchmarkCommand : IGatewayCommand
{
    /// <summary>The issue's target for the gateway's own parsers, per core.</summary>
    public const double TargetStatementsPerSecond = 50_000;

    private readonly Option<bool> _json = new("--json") { Description = "Print the figures as one JSON object." };
    private readonly Option<double> _seconds = new("--round-seconds") { Description = "Length of one timed round.", DefaultValueFactory = _ => 0.5 };
    private readonly Option<int> _rounds = new("--rounds") { Description = "Timed rounds per measurement (the median is kept).", DefaultValueFactory = _ => 5 };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("validate", "Validator throughput per dialect, and the T-SQL path beside ScriptDom's parse alone.")
        {
            _json, _seconds, _rounds,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var seconds = parse.GetValue(_seconds);
        var rounds = parse.GetValue(_rounds);
        if (seconds <= 0 || rounds <= 0)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync("error: --round-seconds and --rounds must be positive.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var meter = new ThroughputMeter(TimeSpan.FromSeconds(seconds), rounds);
        var validator = new SqlValidator();
        var policy = SqlPolicyLoader.LoadDefault();
        var results = new List<DialectThroughput>();
        var dialects = new[] { SqlDialectKind.Postgres, SqlDialectKind.MySql, SqlDialectKind.Sqlite, SqlDialectKind.SqlServer };

        // Warm every path before timing any, so the first dialect measured does not pay for JIT tiering of the shared core.
        foreach (var dialect in dialects)
        {
            meter.MeasureRound(TypicalQueries.For(dialect), sql => validator.Validate(sql, dialect, policy));
        }

        foreach (var dialect in dialects)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var workload = TypicalQueries.For(dialect);
            var allowed = workload.Count(sql => validator.Validate(sql, dialect, policy).Allowed);
            var measured = meter.MeasureInterleaved(workload, sql => validator.Validate(sql, dialect, policy))[0];
            results.Add(new DialectThroughput(dialect.ToName(), measured.Median, measured.Best, allowed, workload.Count, workload.Average(s => s.Length)));
        }

        // T-SQL: full path and ScriptDom alone, interleaved in one run so the ratio is fair on a noisy machine.
        var tsql = TypicalQueries.For(SqlDialectKind.SqlServer);
        var parser = new TSql170Parser(initialQuotedIdentifiers: true);
        var pair = meter.MeasureInterleaved(
            tsql,
            sql => validator.Validate(sql, SqlDialectKind.SqlServer, policy),
            sql =>
            {
                using var reader = new StringReader(sql);
                parser.Parse(reader, out _);
            });
        var overhead = pair[1].Best / pair[0].Best;

        if (parse.GetValue(_json))
        {
            await output.WriteLineAsync(ToJson(results, pair[0], pair[1], overhead)).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"{"dialect",-10} {"median/s",10} {"best/s",10} {"µs (best)",10} {"allowed",9} {"avg chars",10}").ConfigureAwait(false);
            foreach (var r in results)
            {
                await output.WriteLineAsync($"{r.Dialect,-10} {r.StatementsPerSecond,10:N0} {r.BestStatementsPerSecond,10:N0} {1e6 / r.BestStatementsPerSecond,10:N1} {r.Allowed,4}/{r.Total,-4} {r.AverageLength,10:N0}").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"T-SQL (best rounds): validator {pair[0].Best:N0}/s beside ScriptDom parse alone {pair[1].Best:N0}/s: the full path takes {overhead:N3}x the parse time (target at most 1.10x).").ConfigureAwait(false);
            await output.WriteLineAsync($"Target for the own parsers: {TargetStatementsPerSecond:N0} statements/s per core.").ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static string ToJson(List<DialectThroughput> results, RoundSummary tsqlFull, RoundSummary tsqlParseOnly, double overhead)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("dialects");
            foreach (var r in results)
            {
                writer.WriteStartObject(r.Dialect);
                writer.WriteNumber("statements_per_second", Math.Round(r.StatementsPerSecond));
                writer.WriteNumber("best_statements_per_second", Math.Round(r.BestStatementsPerSecond));
                writer.WriteNumber("microseconds_per_statement", Math.Round(1e6 / r.BestStatementsPerSecond, 2));
                writer.WriteNumber("allowed", r.Allowed);
                writer.WriteNumber("statements", r.Total);
                writer.WriteNumber("average_length", Math.Round(r.AverageLength, 1));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("tsql");
            writer.WriteNumber("validator_statements_per_second", Math.Round(tsqlFull.Best));
            writer.WriteNumber("scriptdom_parse_statements_per_second", Math.Round(tsqlParseOnly.Best));
            writer.WriteNumber("validator_median_statements_per_second", Math.Round(tsqlFull.Median));
            writer.WriteNumber("scriptdom_parse_median_statements_per_second", Math.Round(tsqlParseOnly.Median));
            writer.WriteNumber("time_ratio", Math.Round(overhead, 4));
            writer.WriteEndObject();
            writer.WriteNumber("target_statements_per_second", TargetStatementsPerSecond);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private sealed record DialectThroughput(string Dialect, double StatementsPerSecond, double BestStatementsPerSecond, int Allowed, int Total, double AverageLength);
}
