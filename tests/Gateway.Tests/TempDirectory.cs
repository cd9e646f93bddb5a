namespace Gateway.Tests;

/// <summary>A scratch folder a test writes its input files into; deleted with the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix) => FullName = Directory.CreateTempSubdirectory(prefix).FullName;

    public string FullName { get; }

    /// <summary>Writes a file in the folder and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(FullName, recursive: true);
}
