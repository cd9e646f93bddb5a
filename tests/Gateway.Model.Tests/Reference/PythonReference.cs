using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Gateway.Model.Tests.Reference;

/// <summary>Runs <c>qwen2_reference.py</c> (numpy) on a model folder and returns its logits and greedy tokens.</summary>
internal static class PythonReference
{
    public sealed record Output(double[][] Logits, int[] Greedy);

    public static Output Run(string modelDirectory, string? adapterDirectory, IReadOnlyList<int> ids, int newTokens)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Reference", "qwen2_reference.py");
        var start = new ProcessStartInfo(FindPython())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(modelDirectory);
        start.ArgumentList.Add(adapterDirectory ?? "-");
        start.ArgumentList.Add(string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))));
        start.ArgumentList.Add(newTokens.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"reference script failed: {stderr.Result}");
        using var json = JsonDocument.Parse(stdout);
        var logits = json.RootElement.GetProperty("logits").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        var greedy = json.RootElement.GetProperty("greedy").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        return new Output(logits, greedy);
    }

    // The first python3 that has numpy: the one on PATH may be a separate install (pyenv) without Debian's python3-numpy.
    private static string FindPython()
    {
        foreach (var candidate in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, ["-c", "import numpy"])
                {
                    RedirectStandardError = true,
                    UseShellExecute = false,
                })!;
                probe.WaitForExit();
                if (probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name; try the next.
            }
        }

        throw new InvalidOperationException("no python3 with numpy found (.ci/install.sh installs python3-numpy)");
    }
}
