using Gateway.Cli;

namespace Gateway.Tests.Commands;

/// <summary>The argument checks of <c>gateway train pointer</c>; training itself is specified in Gateway.Model.Tests (CI never trains the real model).</summary>
public sealed class TrainPointerCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("gateway-train-pointer-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Pointer_is_a_subcommand_of_train_that_needs_no_base_model()
    {
        var (code, output, _) = await CliRunner.RunAsync("train", "pointer", "--help");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("--epochs", output, StringComparison.Ordinal);
        Assert.Contains("--resume", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_epochs_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("train", "pointer", "--out", _temp, "--epochs", "0");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--epochs", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_width_that_the_heads_do_not_divide_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("train", "pointer", "--out", _temp, "--dim", "100", "--heads", "8", "--spider", _temp);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("multiple of heads", error, StringComparison.Ordinal);
    }
}
