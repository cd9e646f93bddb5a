using Gateway.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl+C cancels the running work gracefully; the token reaches every I/O path.
    e.Cancel = true;
    cancellation.Cancel();
};

return await GatewayCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
