using System.Text;

namespace Gateway.Model.TextToSql.Features;

/// <summary>
/// Frozen-encoder vectors by text: pooled phrases (columns, tables, cells) and each question's word-piece states with
/// their character offsets (so any word split of the question can be pooled from them). Saved as one
/// binary file (written to a temporary name and renamed), so feature extraction runs once per data set.
/// </summary>
public sealed class FeatureCache
{
    private const int Magic = 0x50464333; // "PFC3": PFC2 plus the joint section
    private const int MagicWithoutJoint = 0x50464332; // "PFC2"
    private readonly Dictionary<string, float[]> _phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float[]> _questions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float[]> _questionOffsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float[]> _joint = new(StringComparer.Ordinal);

    public FeatureCache(int dim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        Dim = dim;
    }

    public int Dim { get; }

    public int PhraseCount => _phrases.Count;

    public int QuestionCount => _questions.Count;

    public int JointCount => _joint.Count;

    /// <summary>The pooled item states [words + columns + tables, dim] of a question read with a schema (see <see cref="JointSchemaText"/>).</summary>
    public bool TryGetJoint(string key, out float[] states) => _joint.TryGetValue(key, out states!);

    public void AddJoint(string key, float[] states)
    {
        Require(states.Length % Dim == 0, "joint states");
        _joint[key] = states;
    }

    public void ForgetJoint(string key) => _joint.Remove(key);

    public bool TryGetPhrase(string phrase, out float[] vector) => _phrases.TryGetValue(phrase, out vector!);

    /// <summary>The question's piece states [pieces, dim] and the [start, end) character span of each piece.</summary>
    public bool TryGetQuestion(string question, out float[] states, out float[] offsets)
    {
        offsets = null!;
        return _questions.TryGetValue(question, out states!) && _questionOffsets.TryGetValue(question, out offsets!);
    }

    public void AddPhrase(string phrase, float[] vector)
    {
        Require(vector.Length == Dim, "phrase vector");
        _phrases[phrase] = vector;
    }

    /// <summary>Drops a question's states (a serving process sees each question once; schemas and cells stay).</summary>
    public void ForgetQuestion(string question)
    {
        _questions.Remove(question);
        _questionOffsets.Remove(question);
    }

    public void AddQuestion(string question, float[] states, float[] offsets)
    {
        Require(states.Length == offsets.Length / 2 * Dim && offsets.Length % 2 == 0, "question states");
        _questions[question] = states;
        _questionOffsets[question] = offsets;
    }

    public async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, ".tmp-" + Guid.NewGuid().ToString("N"));
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                writer.Write(Magic);
                writer.Write(Dim);
                Write(writer, _phrases);
                Write(writer, _questions);
                Write(writer, _questionOffsets);
                Write(writer, _joint);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The cache at <paramref name="path"/>, or an empty one when the file does not exist.</summary>
    public static async Task<FeatureCache> LoadAsync(string path, int dim, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return new FeatureCache(dim);
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        var magic = reader.ReadInt32();
        if (magic is not (Magic or MagicWithoutJoint))
        {
            throw new ModelFormatException($"{path}: not a feature cache");
        }

        var stored = reader.ReadInt32();
        if (stored != dim)
        {
            throw new ModelFormatException($"{path}: features of width {stored}, expected {dim}");
        }

        var cache = new FeatureCache(dim);
        Read(reader, cache._phrases);
        Read(reader, cache._questions);
        Read(reader, cache._questionOffsets);
        if (magic == Magic)
        {
            Read(reader, cache._joint);
        }

        return cache;
    }

    private static void Write(BinaryWriter writer, Dictionary<string, float[]> entries)
    {
        writer.Write(entries.Count);
        foreach (var (key, vector) in entries)
        {
            writer.Write(key);
            writer.Write(vector.Length);
            var bytes = new byte[vector.Length * sizeof(float)];
            Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
            writer.Write(bytes);
        }
    }

    private static void Read(BinaryReader reader, Dictionary<string, float[]> entries)
    {
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var length = reader.ReadInt32();
            var vector = new float[length];
            Buffer.BlockCopy(reader.ReadBytes(length * sizeof(float)), 0, vector, 0, length * sizeof(float));
            entries[key] = vector;
        }
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new ArgumentException($"{what} has the wrong length for width-{nameof(Dim)} features");
        }
    }
}
