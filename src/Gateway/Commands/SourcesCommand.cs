using System.CommandLine;
using System.Text;
using System.Text.Json;
using Gateway.Cli;
using Gateway.Commands.Sources;
using Gateway.Execution;
using Gateway.Execution.Demo;
using Gateway.Execution.Results;
using Gateway.Execution.Sources;

namespace Gateway.Commands;

/// <summary>
/// <c>gateway sources</c>: lists the demo database and every <c>--source</c>, passwords removed. With
/// <c>--check</c> each is reached with <c>SELECT 1</c> and its status shown.
/// </summary>
internal sealed class SourcesCommand : IGatewayCommand
{
    private readonly SourceOptions _sources = new();
    private readonly Option<bool> _json = new("--json") { Description = "Print a JSON array of {name, provider, connection, status?}." };
    private readonly Option<bool> _check = new("--check") { Description = "Connect to each source and report ok or the error code." };

    public Command Build(GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var command = new Command("sources", "List the data sources: the built-in demo database and every --source, without passwords.")
        {
            _json, _check,
        };
        command.Options.Add(_sources.Source);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, globals, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, GlobalOptions globals, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var environment = GatewayEnvironment.Resolve(parse, globals);
        IReadOnlyList<SourceDescriptor> given;
        try
        {
            var defaults = await environment.LoadDefaultsAsync(cancellationToken).ConfigureAwait(false);
            given = SourceResolver.Parse(defaults.Sources(_sources.Specs(parse)));
        }
        catch (Exception ex) when (ex is SourceSpecException or Configuration.ConfigurationFileException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var demo = DemoDatabase.Source(Path.Combine(environment.DataDirectory, DemoDatabase.FileName));
        var entries = new List<(SourceDescriptor Source, string? Status)>();
        foreach (var source in given.Prepend(demo))
        {
            var status = parse.GetValue(_check) ? await CheckAsync(source, environment, cancellationToken).ConfigureAwait(false) : null;
            entries.Add((source, status));
        }

        await output.WriteLineAsync(parse.GetValue(_json) ? Json(entries) : Text(entries)).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<string> CheckAsync(SourceDescriptor source, GatewayEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            var opened = source.Name == DemoDatabase.SourceName
                ? await SourceResolver.OpenAsync(null, environment.DataDirectory, cancellationToken).ConfigureAwait(false)
                : source;
            await new QueryExecutor(opened).ExecuteAsync("SELECT 1", new BufferedResultSink(), new ExecutionOptions { Timeout = TimeSpan.FromSeconds(10) }, cancellationToken).ConfigureAwait(false);
            return "ok";
        }
        catch (ExecutionException ex)
        {
            return ex.ErrorCode.ToName();
        }
    }

    private static string Text(List<(SourceDescriptor Source, string? Status)> entries)
    {
        var text = new StringBuilder();
        foreach (var (source, status) in entries)
        {
            text.Append(source.Name).Append('\t').Append(source.Provider.ToName()).Append('\t').Append(source.DisplayConnectionString);
            if (status is not null)
            {
                text.Append('\t').Append(status);
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Json(List<(SourceDescriptor Source, string? Status)> entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, ResultJson.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var (source, status) in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("name", source.Name);
                writer.WriteString("provider", source.Provider.ToName());
                writer.WriteString("connection", source.DisplayConnectionString);
                if (status is not null)
                {
                    writer.WriteString("status", status);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
