using System.CommandLine;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Configuration;
using Gateway.Sql.Dialects;
using Gateway.Sql.Policy;
using Gateway.Sql.Validation;

namespace Gateway.Commands;

/// <summary><c>gateway validate</c>: judges SQL against a policy without running it.</summary>
internal sealed class ValidateCommand : IGatewayCommand
{
    private readonly Option<string?> _dialect = new("--dialect")
    {
        Description = "Dialect of the SQL: postgres, mysql, sqlserver or sqlite.",
    };

    private readonly Option<FileInfo?> _policy = new("--policy") { Description = "Policy file (YAML or JSON); default: the built-in default policy." };
    private readonly Option<string?> _sql = new("--sql") { Description = "The SQL text to judge." };
    private readonly Option<FileInfo?> _file = new("--file") { Description = "A file holding the SQL text to judge." };
    private readonly Option<FileInfo?> _jsonl = new("--jsonl") { Description = "A JSON-lines file of {\"dialect\", \"sql\"} objects; one verdict is printed per line." };
    private readonly Option<bool> _json = new("--json") { Description = "Print the verdict as one JSON object." };

    private GlobalOptions _globals = new();

    public Command Build(GlobalOptions globals)
    {
        _globals = globals;
        var command = new Command("validate", "Judge SQL for read-only safety against a policy; nothing runs. Exit 0 allowed, 3 rejected, 2 usage or input error.")
        {
            _dialect, _policy, _sql, _file, _jsonl, _json,
        };
        _dialect.AcceptOnlyFromAmong([.. SqlDialectNames.Canonical, "postgresql", "mariadb", "mssql", "tsql"]);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var sources = new object?[] { parse.GetValue(_sql), parse.GetValue(_file), parse.GetValue(_jsonl) }.Count(s => s is not null);
        if (sources != 1)
        {
            await error.WriteLineAsync("error: give exactly one of --sql, --file or --jsonl.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        SqlDialectKind? dialect = null;
        if (parse.GetValue(_dialect) is { } dialectName && SqlDialectNames.TryParse(dialectName, out var parsed))
        {
            dialect = parsed;
        }

        SqlPolicy policy;
        try
        {
            var options = await GatewayEnvironment.Resolve(parse, _globals).LoadOptionsAsync(cancellationToken).ConfigureAwait(false);
            var policyPath = parse.GetValue(_policy)?.FullName ?? options.Policy;
            policy = policyPath is not null
                ? await SqlPolicyLoader.LoadFileAsync(policyPath, cancellationToken).ConfigureAwait(false)
                : SqlPolicyLoader.LoadDefault();
        }
        catch (Exception ex) when (ex is PolicyException or ConfigurationFileException)
        {
            await error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var validator = new SqlValidator();
        if (parse.GetValue(_jsonl) is { } jsonl)
        {
            return await ValidateLinesAsync(validator, policy, dialect, jsonl, output, error, cancellationToken).ConfigureAwait(false);
        }

        if (dialect is null)
        {
            await error.WriteLineAsync("error: --dialect is required with --sql or --file.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        string sql;
        if (parse.GetValue(_file) is { } file)
        {
            if (!file.Exists)
            {
                await error.WriteLineAsync($"error: file not found: {file.FullName}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            sql = await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            sql = parse.GetValue(_sql)!;
        }

        var verdict = validator.Validate(sql, dialect.Value, policy);
        if (parse.GetValue(_json))
        {
            await output.WriteLineAsync(VerdictJson.Serialize(verdict)).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync(VerdictText.Format(verdict)).ConfigureAwait(false);
        }

        return verdict.Allowed ? ExitCodes.Success : ExitCodes.Rejected;
    }

    private static async Task<int> ValidateLinesAsync(
        ISqlValidator validator, SqlPolicy policy, SqlDialectKind? defaultDialect, FileInfo file,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await error.WriteLineAsync($"error: file not found: {file.FullName}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var reader = file.OpenText();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            var verdict = JudgeLine(validator, policy, defaultDialect, line, lineNumber);
            await output.WriteLineAsync(VerdictJson.Serialize(verdict)).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>A malformed line gets its own verdict so every input line has exactly one output line.</summary>
    internal static SqlVerdict JudgeLine(ISqlValidator validator, SqlPolicy policy, SqlDialectKind? defaultDialect, string line, int lineNumber)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return SqlVerdict.Reject(RuleIds.InputMalformed, $"line {lineNumber} is not valid JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return SqlVerdict.Reject(RuleIds.InputMalformed, $"line {lineNumber} is not a JSON object.");
        }

        if (!root.TryGetProperty("sql", out var sqlElement) || sqlElement.ValueKind != JsonValueKind.String)
        {
            return SqlVerdict.Reject(RuleIds.InputMalformed, $"line {lineNumber} has no string field \"sql\".");
        }

        var dialect = defaultDialect;
        if (root.TryGetProperty("dialect", out var dialectElement) && dialectElement.ValueKind != JsonValueKind.Null)
        {
            if (dialectElement.ValueKind != JsonValueKind.String || !SqlDialectNames.TryParse(dialectElement.GetString(), out var lineDialect))
            {
                return SqlVerdict.Reject(RuleIds.InputMalformed,
                    $"line {lineNumber} names an unknown dialect; use one of {string.Join(", ", SqlDialectNames.Canonical)}.");
            }

            dialect = lineDialect;
        }

        if (dialect is null)
        {
            return SqlVerdict.Reject(RuleIds.InputMalformed, $"line {lineNumber} has no \"dialect\" and no --dialect was given.");
        }

        return validator.Validate(sqlElement.GetString()!, dialect.Value, policy);
    }
}
