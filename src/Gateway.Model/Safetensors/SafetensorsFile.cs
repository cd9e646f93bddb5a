using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Gateway.Model.Safetensors;

/// <summary>
/// Reads and writes one safetensors file: an 8-byte little-endian header length, a JSON header mapping names to
/// dtype, shape and [begin, end) offsets into the data that follows, then the data.
/// </summary>
public static class SafetensorsFile
{
    private const string MetadataKey = "__metadata__";

    // The reference implementation refuses headers over 100 MB; so do we, before allocating.
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>Reads every tensor of <paramref name="path"/>; offsets and sizes are validated against the data.</summary>
    public static IReadOnlyDictionary<string, TensorData> Read(string path)
    {
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException e)
        {
            throw new ModelFormatException($"safetensors file not found: {path}", e);
        }

        return Parse(file, path);
    }

    /// <summary>Reads every tensor of <paramref name="path"/> with an asynchronous file read.</summary>
    public static async Task<IReadOnlyDictionary<string, TensorData>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] file;
        try
        {
            file = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new ModelFormatException($"safetensors file not found: {path}", e);
        }

        return Parse(file, path);
    }

    /// <summary>Parses an in-memory safetensors image; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyDictionary<string, TensorData> Parse(byte[] file, string source)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Length < 8)
        {
            throw new ModelFormatException($"{source}: too short for a safetensors header");
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes || (long)headerLength > file.Length - 8)
        {
            throw new ModelFormatException($"{source}: header length {headerLength} exceeds the file");
        }

        var dataStart = 8 + (int)headerLength;
        var dataLength = file.Length - dataStart;
        var tensors = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        var spans = new List<(long Begin, long End, string Name)>();
        try
        {
            using var header = JsonDocument.Parse(file.AsMemory(8, (int)headerLength));
            foreach (var entry in header.RootElement.EnumerateObject())
            {
                if (entry.Name == MetadataKey)
                {
                    continue;
                }

                var dtype = SafetensorsDTypes.Parse(entry.Value.GetProperty("dtype").GetString() ?? "");
                var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength)
                {
                    throw new ModelFormatException($"{source}: tensor '{entry.Name}' has offsets outside the data");
                }

                // Checked: a hostile shape must not wrap around to match the byte span.
                var count = shape.Aggregate(1L, (a, b) => b < 0 ? -1 : checked(a * b));
                if (count < 0 || checked(count * dtype.ElementSize()) != offsets[1] - offsets[0])
                {
                    throw new ModelFormatException(
                        $"{source}: tensor '{entry.Name}' spans {offsets[1] - offsets[0]} bytes, its shape needs {count * dtype.ElementSize()}");
                }

                spans.Add((offsets[0], offsets[1], entry.Name));
                tensors.Add(entry.Name, new TensorData(
                    entry.Name, dtype, shape, file.AsMemory(dataStart + (int)offsets[0], (int)(offsets[1] - offsets[0]))));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new ModelFormatException($"{source}: malformed safetensors header: {e.Message}", e);
        }

        RequireNoOverlap(spans, source);
        return tensors;
    }

    /// <summary>Writes <paramref name="tensors"/> in the given order, with optional string metadata.</summary>
    public static void Write(string path, IEnumerable<TensorData> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToList();
        var header = BuildHeader(list, metadata);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (var tensor in list)
        {
            stream.Write(tensor.Bytes.Span);
        }
    }

    private static byte[] BuildHeader(List<TensorData> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var tensor in tensors)
            {
                if (tensor.ElementCount * tensor.DType.ElementSize() != tensor.Bytes.Length)
                {
                    throw new ModelFormatException($"tensor '{tensor.Name}' has {tensor.Bytes.Length} bytes, its shape needs more or fewer");
                }

                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.HeaderName());
                json.WriteStartArray("shape");
                foreach (var dim in tensor.Shape)
                {
                    json.WriteNumberValue(dim);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + tensor.Bytes.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += tensor.Bytes.Length;
            }

            json.WriteEndObject();
        }

        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        var padding = (int)((8 - (buffer.Length % 8)) % 8);
        buffer.Write(Encoding.ASCII.GetBytes(new string(' ', padding)));
        return buffer.ToArray();
    }

    private static void RequireNoOverlap(List<(long Begin, long End, string Name)> spans, string source)
    {
        spans.Sort((a, b) => a.Begin.CompareTo(b.Begin));
        for (var i = 1; i < spans.Count; i++)
        {
            if (spans[i].Begin < spans[i - 1].End)
            {
                throw new ModelFormatException($"{source}: tensors '{spans[i - 1].Name}' and '{spans[i].Name}' overlap");
            }
        }
    }
}
