namespace Gateway.Generation;

/// <summary>
/// The generators a host has configured, by name, with the default one, and the chat model if any. Empty is a
/// valid catalog: the ask pipeline then answers data questions with the "no generator configured" route instead of
/// guessing SQL. The shipped pointer model is registered as <c>default</c> when nothing else is configured. Disposing
/// the catalog disposes the generators that hold models.
/// </summary>
public sealed class SqlGeneratorCatalog : IDisposable
{
    private readonly Dictionary<string, ISqlGenerator> _generators;
    private int _disposed;

    public SqlGeneratorCatalog(IReadOnlyDictionary<string, ISqlGenerator>? generators = null, string? defaultName = null, IChatModel? chat = null)
    {
        _generators = new Dictionary<string, ISqlGenerator>(generators ?? new Dictionary<string, ISqlGenerator>(), StringComparer.OrdinalIgnoreCase);
        if (defaultName is not null && !_generators.ContainsKey(defaultName))
        {
            throw new ArgumentException($"The default generator '{defaultName}' is not among the configured ones ({string.Join(", ", Names)}).", nameof(defaultName));
        }

        // One configured generator is the default without saying so.
        DefaultName = defaultName ?? (_generators.Count == 1 ? _generators.Keys.First() : null);
        Chat = chat;
    }

    public static SqlGeneratorCatalog Empty { get; } = new();

    public IReadOnlyList<string> Names => [.. _generators.Keys.Order(StringComparer.Ordinal)];

    public string? DefaultName { get; }

    /// <summary>The chat model for conversation and written analysis; null when none is configured.</summary>
    public IChatModel? Chat { get; }

    /// <summary>Disposes each generator once, however often the catalog is disposed (a host and its owner may both do it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var generator in _generators.Values)
        {
            (generator as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// The generator named <paramref name="name"/>, else the default; null when none is configured (and none was
    /// named). Throws <see cref="UnknownGeneratorException"/> for a name that is not configured.
    /// </summary>
    public ISqlGenerator? Resolve(string? name)
    {
        if (name is null)
        {
            return DefaultName is null ? null : _generators[DefaultName];
        }

        return _generators.TryGetValue(name, out var generator)
            ? generator
            : throw new UnknownGeneratorException(name, Names);
    }
}

/// <summary>A request named a generator that is not configured.</summary>
public sealed class UnknownGeneratorException : Exception
{
    public UnknownGeneratorException()
    {
    }

    public UnknownGeneratorException(string message)
        : base(message)
    {
    }

    public UnknownGeneratorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnknownGeneratorException(string name, IReadOnlyList<string> configured)
        : base(configured.Count == 0
            ? $"No generator is named '{name}'; none is configured."
            : $"No generator is named '{name}'; configured: {string.Join(", ", configured)}.")
    {
    }
}
