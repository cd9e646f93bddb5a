namespace Gateway.Model.Safetensors;

/// <summary>Named tensors read from one or more safetensors files, with errors that say which tensor is wrong.</summary>
public sealed class TensorSet
{
    private readonly IReadOnlyDictionary<string, TensorData> _tensors;

    public TensorSet(IReadOnlyDictionary<string, TensorData> tensors, string source)
    {
        _tensors = tensors;
        Source = source;
    }

    /// <summary>Where the tensors came from (a file or folder), for error messages.</summary>
    public string Source { get; }

    public IEnumerable<string> Names => _tensors.Keys;

    public int Count => _tensors.Count;

    public bool Contains(string name) => _tensors.ContainsKey(name);

    /// <summary>The tensor called <paramref name="name"/>; throws when absent or, given <paramref name="shape"/>, mis-shaped.</summary>
    public TensorData Get(string name, IReadOnlyList<long>? shape = null)
    {
        if (!_tensors.TryGetValue(name, out var tensor))
        {
            throw new ModelFormatException($"{Source}: missing tensor '{name}'");
        }

        if (shape is not null)
        {
            tensor.RequireShape(shape);
        }

        return tensor;
    }
}
