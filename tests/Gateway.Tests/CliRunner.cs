using Gateway.Cli;

namespace Gateway.Tests;

/// <summary>Runs the gateway's command line in process, capturing what it prints.</summary>
internal static class CliRunner
{
    public static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        RunAsync(args, CancellationToken.None);

    public static async Task<(int Code, string Output, string Error)> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GatewayCli.RunAsync(args, output, error, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
