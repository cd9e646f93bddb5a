using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Gateway.Execution.Schema;
using Gateway.Model.TextToSql;

namespace Gateway.Generation.Pointer;

/// <summary>
/// <see cref="ISqlGenerator"/> over the shipped text-to-SQL pointer model (<see cref="PointerSqlModel"/>): the
/// introspected schema becomes the model's schema (once per schema), cell values come from the SQLite file or the
/// schema's sampled values, and the beam's queries are the candidates, best first, written in the source's dialect.
/// The model is loaded on first use, once, however many requests arrive together.
/// </summary>
public sealed class PointerSqlGenerator : ISqlGenerator, IDisposable
{
    /// <summary>The name the generator has in the catalog when the configuration names none.</summary>
    public const string DefaultName = "default";

    private readonly PointerGeneratorOptions _options;
    private readonly Lazy<Task<PointerSqlModel>> _model;
    private readonly ConcurrentDictionary<string, AdapterEntry> _adapters = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<AdapterEntry> _loadedAdapters = [];
    private readonly PointerExampleBuilder _builder = new();
    private readonly ConditionalWeakTable<SchemaModel, SchemaEntry> _schemas = [];
    private bool _disposed;

    public PointerSqlGenerator(PointerGeneratorOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.BeamSize < 1)
        {
            throw new ArgumentException("The beam size must be at least 1.", nameof(options));
        }

        if (!Directory.Exists(options.ModelDirectory))
        {
            throw new GenerationException($"The model folder {options.ModelDirectory} does not exist.");
        }

        ModelId = $"{DefaultName}:{PointerModelVersion.Read(options.ModelDirectory)}";
        _model = new Lazy<Task<PointerSqlModel>>(() => LoadAsync(_options.ModelDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string ModelId { get; }

    public string ModelDirectory => _options.ModelDirectory;

    public async Task<IReadOnlyList<SqlCandidate>> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (request.Schema is not { } schema)
        {
            throw new GenerationException("The default model needs the source's introspected schema; the request carries only DDL.");
        }

        if (schema.Tables.Count == 0)
        {
            return [SqlCandidate.Refused("The source has no tables the default model could query.", ModelId, string.Empty)];
        }

        var (model, modelId) = await ModelForAsync(request.SourceName, cancellationToken).ConfigureAwait(false);
        var entry = _schemas.GetValue(schema, s => new SchemaEntry(s, _builder.Options));
        var built = request.SqliteFile is { } file
            ? await _builder.BuildAsync(entry.Schema, file, request.Question, null, cancellationToken).ConfigureAwait(false)
            : _builder.Build(entry.Schema, entry.SampleValues.Value, request.Question, null);

        // Beam search is CPU-bound and synchronous; it runs off the caller's thread so a server stays responsive.
        var beams = await Task.Run(() => model.PredictAsync(built.Example, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (beams.Count == 0)
        {
            return [SqlCandidate.Refused("The default model found no query for this question over this schema.", modelId, string.Empty)];
        }

        var written = beams.Select(beam => (Beam: beam.Sql, Dialect: PointerDialectWriter.Write(beam.Sql, request.Dialect))).ToList();
        // The model cannot read an error message; a repair gets the beams after the one that failed instead.
        var start = request.PreviousAttempt is { } failed ? written.FindIndex(w => w.Dialect.Sql == failed.Sql) + 1 : 0;
        var rest = written.Skip(start).ToList();
        if (rest.Count == 0)
        {
            return [SqlCandidate.Refused("The default model has no other query for this question: every one it found was tried.", modelId, string.Empty)];
        }

        return [.. rest.Take(Math.Max(1, request.Candidates)).Select(w => w.Dialect.Sql is { } sql
            ? SqlCandidate.Answer(sql, modelId, w.Beam)
            : SqlCandidate.Refused(w.Dialect.Refusal!, modelId, w.Beam))];
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var model in _loadedAdapters.Select(a => a.Model).Append(_model))
        {
            if (model.IsValueCreated && model.Value.IsCompletedSuccessfully)
            {
                model.Value.Result.Dispose();
            }
        }
    }

    /// <summary>
    /// The model for a source: its adapter when <see cref="PointerGeneratorOptions.AdapterRoot"/> holds one (reloaded
    /// when its weights change), else the base model.
    /// </summary>
    private async Task<(PointerSqlModel Model, string ModelId)> ModelForAsync(string? source, CancellationToken cancellationToken)
    {
        if (_options.AdapterRoot is { } root && source is not null && PointerAdapters.Find(root, source) is { } folder)
        {
            var written = File.GetLastWriteTimeUtc(Path.Combine(folder, PointerModelVersion.WeightsFile));
            var entry = _adapters.AddOrUpdate(
                folder,
                _ => Track(new AdapterEntry(written, $"{ModelId}+adapter:{source.ToLowerInvariant()}:{PointerModelVersion.Read(folder)}", Lazy(folder))),
                (_, known) => known.Written == written ? known : Track(new AdapterEntry(written, $"{ModelId}+adapter:{source.ToLowerInvariant()}:{PointerModelVersion.Read(folder)}", Lazy(folder))));
            return (await entry.Model.Value.WaitAsync(cancellationToken).ConfigureAwait(false), entry.ModelId);
        }

        return (await _model.Value.WaitAsync(cancellationToken).ConfigureAwait(false), ModelId);
    }

    private Lazy<Task<PointerSqlModel>> Lazy(string folder) => new(() => LoadAsync(folder), LazyThreadSafetyMode.ExecutionAndPublication);

    // Replaced adapters stay loaded until the generator goes: a request may still be decoding with one.
    private AdapterEntry Track(AdapterEntry entry)
    {
        _loadedAdapters.Add(entry);
        return entry;
    }

    private async Task<PointerSqlModel> LoadAsync(string directory)
    {
        try
        {
            // Not the first caller's token: a cancelled first request must not leave the model unloadable for the next.
            var model = await PointerSqlModel.LoadAsync(directory, CancellationToken.None).ConfigureAwait(false);
            model.BeamSize = _options.BeamSize;
            return model;
        }
        // Whatever stops the load (bad files, the encoder's assembly, native torch) reaches the caller as a generation error.
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new GenerationException($"The default model in {directory} could not be loaded: {ex.Message}", ex);
        }
    }

    private sealed record AdapterEntry(DateTime Written, string ModelId, Lazy<Task<PointerSqlModel>> Model);

    /// <summary>One schema as the model sees it, and its sampled values (read only when the source is not a SQLite file).</summary>
    private sealed class SchemaEntry
    {
        public SchemaEntry(SchemaModel schema, ValueCandidateOptions options)
        {
            Schema = PointerSchemaConverter.Convert(schema);
            SampleValues = new Lazy<DatabaseValueIndex>(() => PointerSchemaConverter.SampleValues(schema, Schema, options));
        }

        public PointerSchema Schema { get; }

        public Lazy<DatabaseValueIndex> SampleValues { get; }
    }
}
