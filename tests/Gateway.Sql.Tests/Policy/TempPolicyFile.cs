namespace Gateway.Sql.Tests.Policy;

/// <summary>A policy file in its own temporary directory, removed on dispose.</summary>
internal sealed class TempPolicyFile : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gateway-policy-").FullName;

    public TempPolicyFile(string fileName, string text)
    {
        Path = System.IO.Path.Combine(_directory, fileName);
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
