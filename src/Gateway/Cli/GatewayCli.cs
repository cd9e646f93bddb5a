using System.CommandLine;
using Gateway.Commands;
using Gateway.Commands.Audit;
using Gateway.Commands.Keys;
using Gateway.Commands.Knowledge;
using Gateway.Commands.Serve;
using Gateway.Commands.Bench;
using Gateway.Commands.Model;
using Gateway.Commands.Synth;
using Gateway.Commands.Train;

namespace Gateway.Cli;

/// <summary>Composes the root command from every subcommand, in one place.</summary>
internal static class GatewayCli
{
    /// <summary>Every subcommand, in the order <c>--help</c> lists them.</summary>
    private static IEnumerable<IGatewayCommand> Commands() =>
    [
        new ServeCommand(),
        new AskCommand(),
        new SqlCommand(),
        new ValidateCommand(),
        new SourcesCommand(),
        new SchemaCommand(),
        new KnowledgeCommand(),
        new KeysCommand(),
        new AuditCommand(),
        new EvalCommand(),
        new BenchCommand(),
        new ModelCommand(),
        new TrainCommand(),
        new SynthCommand(),
    ];

    public static RootCommand BuildRoot()
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("gateway: a natural-language SQL gateway with read-only safety, audit and telemetry.");
        globals.AddTo(root);
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command.Build(globals));
        }

        return root;
    }

    /// <summary>Parses and runs; parse errors exit with <see cref="ExitCodes.Usage"/>, not the library's default 1.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot();
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr };
        if (parse.Errors.Count > 0 && !IsHelpOrVersion(parse))
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await stderr.WriteLineAsync("Run 'gateway --help' (or '<subcommand> --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsHelpOrVersion(ParseResult parse) =>
        parse.Action is System.CommandLine.Help.HelpAction || parse.Action?.GetType().Name == "VersionOptionAction";
}
