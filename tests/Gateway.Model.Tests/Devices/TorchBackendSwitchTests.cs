using System.Diagnostics;
using System.Text.Json;

namespace Gateway.Model.Tests.Devices;

/// <summary>
/// The -p:GatewayTorchBackend switch, read through MSBuild's own evaluation of Gateway.Model.csproj (no restore, so
/// the cuda variant is evaluated without its package, which this machine's mirror does not serve).
/// </summary>
public sealed class TorchBackendSwitchTests
{
    [Fact]
    public async Task The_default_build_references_only_the_cpu_native_package()
    {
        var references = await PackageReferencesAsync(backend: null);

        Assert.Contains("libtorch-cpu-linux-x64", references);
        Assert.Contains("TorchSharp", references);
        Assert.DoesNotContain(references, r => r.Contains("cuda", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_cuda_switch_swaps_the_cpu_native_package_for_TorchSharp_cuda_linux()
    {
        var references = await PackageReferencesAsync(backend: "cuda");

        Assert.Contains("TorchSharp-cuda-linux", references);
        Assert.DoesNotContain("libtorch-cpu-linux-x64", references);
    }

    private static async Task<List<string>> PackageReferencesAsync(string? backend)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Gateway.Model", "Gateway.Model.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "msbuild", project, "-getItem:PackageReference", "-nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        if (backend is not null)
        {
            start.ArgumentList.Add($"-p:GatewayTorchBackend={backend}");
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error + await output);
        using var json = JsonDocument.Parse(await output);
        return json.RootElement.GetProperty("Items").GetProperty("PackageReference").EnumerateArray()
            .Select(item => item.GetProperty("Identity").GetString()!)
            .ToList();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Gateway.sln not found above the test's folder");
    }
}
