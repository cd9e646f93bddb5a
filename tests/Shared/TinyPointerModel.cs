using Gateway.Model.TextToSql;
using Gateway.Model.TextToSql.Network;

namespace Gateway.Testing;

/// <summary>
/// A pointer model folder made by the test itself: a tiny untrained network (random weights, fixed seed) over the
/// real pretrained encoder, so the wiring around the shipped model is exercised before a trained one exists. Its
/// queries are valid SQL over the given schema, not good answers. Deleted on dispose.
/// </summary>
public sealed class TinyPointerModel : IDisposable
{
    private TinyPointerModel(string directory) => Directory = directory;

    public string Directory { get; }

    public static TinyPointerModel Create(string? version = null, long seed = 7)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gateway-pointer-" + Guid.NewGuid().ToString("N"));
        WriteTo(directory, version, seed);
        return new TinyPointerModel(directory);
    }

    /// <summary>Writes the model's files into <paramref name="directory"/> (created if needed), for a test that owns the folder.</summary>
    public static void WriteTo(string directory, string? version = null, long seed = 7)
    {
        PointerSqlModel.WriteUntrained(directory, new PointerNetworkConfig
        {
            Dim = 16, Heads = 2, EncoderLayers = 1, DecoderLayers = 1, FeedForward = 32, Dropout = 0, KeywordCount = SqlKeywords.Count,
        }, seed);
        if (version is not null)
        {
            File.WriteAllText(Path.Combine(directory, "training.json"), $$"""{"version": "{{version}}"}""");
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
