using Gateway.Cli;

namespace Gateway.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Unknown_option_exits_with_usage_code()
    {
        var (code, _, error) = await CliRunner.RunAsync("validate", "--no-such-option");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--no-such-option", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_without_any_input_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("validate", "--dialect", "postgres");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("exactly one of --sql, --file or --jsonl", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_is_available_on_every_subcommand()
    {
        var root = GatewayCli.BuildRoot();
        foreach (var command in root.Subcommands)
        {
            var (code, output, _) = await CliRunner.RunAsync(command.Name, "--help");
            Assert.Equal(ExitCodes.Success, code);
            Assert.Contains("--data-dir", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Data_dir_option_is_resolved_to_a_full_path()
    {
        var globals = new GlobalOptions();
        var root = new System.CommandLine.RootCommand();
        globals.AddTo(root);
        var parse = root.Parse(["--data-dir", "relative/state"]);

        var environment = GatewayEnvironment.Resolve(parse, globals);

        Assert.Equal(Path.GetFullPath("relative/state"), environment.DataDirectory);
    }
}
