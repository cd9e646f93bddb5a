namespace Gateway.Cli;

/// <summary>The process exit codes every subcommand shares.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 2;
    public const int Rejected = 3;
    public const int Runtime = 4;
}
