using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Execution.Sources;

namespace Gateway.Execution.Schema;

/// <summary>
/// Schema models per source, kept in memory and (when given a folder) on disk as JSON, so a CLI run does not
/// introspect again. An entry is keyed by the source's name and a hash of its connection string, so changing the
/// connection string misses the cache; <c>refresh</c> rereads, and entries older than the maximum age expire.
/// </summary>
public sealed class SchemaCache
{
    private readonly ConcurrentDictionary<string, SchemaModel> _memory = new(StringComparer.Ordinal);
    private readonly string? _folder;
    private readonly SchemaIntrospector _introspector;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;

    public SchemaCache(string? folder = null, TimeSpan? maxAge = null, TimeProvider? time = null)
    {
        _folder = folder;
        _time = time ?? TimeProvider.System;
        _introspector = new SchemaIntrospector(_time);
        _maxAge = maxAge ?? TimeSpan.FromHours(24);
    }

    public async Task<SchemaModel> GetAsync(SourceDescriptor source, bool refresh = false, IntrospectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var key = Key(source);
        if (!refresh)
        {
            if (_memory.TryGetValue(key, out var cached) && Fresh(cached))
            {
                return cached;
            }

            if (await ReadFileAsync(key, cancellationToken).ConfigureAwait(false) is { } stored && Fresh(stored))
            {
                _memory[key] = stored;
                return stored;
            }
        }

        var model = await _introspector.ReadAsync(source, options, cancellationToken).ConfigureAwait(false);
        _memory[key] = model;
        await WriteFileAsync(key, model, cancellationToken).ConfigureAwait(false);
        return model;
    }

    private bool Fresh(SchemaModel model) => _time.GetUtcNow() - model.ReadAt < _maxAge;

    private async Task<SchemaModel?> ReadFileAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            return SchemaJson.Deserialize(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            // A damaged or outdated cache file is just a miss; the fresh read overwrites it.
            return null;
        }
    }

    private async Task WriteFileAsync(string key, SchemaModel model, CancellationToken cancellationToken)
    {
        var path = PathFor(key);
        if (path is null)
        {
            return;
        }

        Directory.CreateDirectory(_folder!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, SchemaJson.Serialize(model), cancellationToken).ConfigureAwait(false);
        File.Move(temporary, path, overwrite: true);
    }

    private string? PathFor(string key) => _folder is null ? null : Path.Combine(_folder, $"{key}.json");

    private static string Key(SourceDescriptor source)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{source.Provider}\n{source.ConnectionString}"));
        return $"{source.Name}-{Convert.ToHexStringLower(hash)[..16]}";
    }
}
