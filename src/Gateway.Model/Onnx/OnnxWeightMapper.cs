using Gateway.Model.Safetensors;

namespace Gateway.Model.Onnx;

/// <summary>
/// Turns the initializers of a PyTorch-exported BERT graph into a Hugging Face state dict. Named initializers keep
/// their names; the exporter strips the names of the Linear weights (it folds the transpose into a plain
/// initializer for <c>MatMul</c>), so each anonymous weight is named from its bias: the <c>MatMul</c> that reads it
/// feeds an <c>Add</c> whose other input is <c>X.bias</c>, which makes it <c>X.weight</c>, transposed back from
/// [in, out] to torch's [out, in].
/// </summary>
internal static class OnnxWeightMapper
{
    private const string BiasSuffix = ".bias";

    /// <summary>Float initializers by HF name; anything that cannot be named is an error, never silently dropped.</summary>
    public static TensorSet Map(OnnxGraph graph, string source)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var initializers = graph.Initializers.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var consumers = graph.Nodes
            .SelectMany(n => n.Inputs.Select(input => (input, node: n)))
            .ToLookup(x => x.input, x => x.node, StringComparer.Ordinal);
        var result = new Dictionary<string, TensorData>(StringComparer.Ordinal);
        foreach (var initializer in graph.Initializers.Where(i => i.DataType == OnnxInitializer.Float))
        {
            if (IsHfName(initializer.Name))
            {
                Add(result, new TensorData(initializer.Name, SafetensorsDType.F32, initializer.Dims, initializer.RawData), source);
                continue;
            }

            var name = LinearWeightName(initializer, consumers, initializers)
                ?? throw new ModelFormatException(
                    $"{source}: initializer '{initializer.Name}' {Shape(initializer)} is neither HF-named nor a MatMul weight followed by a named bias");
            Add(result, Transpose(name, initializer), source);
        }

        return new TensorSet(result, source);
    }

    // HF names are dotted module paths ending in a parameter name; the exporter's anonymous ones are numbers or
    // "onnx::MatMul_123".
    private static bool IsHfName(string name) =>
        !name.StartsWith("onnx::", StringComparison.Ordinal) && name.Contains('.', StringComparison.Ordinal)
        && !name.All(c => char.IsAsciiDigit(c));

    private static string? LinearWeightName(
        OnnxInitializer weight, ILookup<string, OnnxNode> consumers, Dictionary<string, OnnxInitializer> initializers)
    {
        if (weight.Dims.Count != 2)
        {
            return null;
        }

        foreach (var matMul in consumers[weight.Name].Where(n => n.OpType == "MatMul" && n.Inputs.Count == 2 && n.Inputs[1] == weight.Name))
        {
            foreach (var add in consumers[matMul.Outputs[0]].Where(n => n.OpType == "Add"))
            {
                var bias = add.Inputs.FirstOrDefault(i => i != matMul.Outputs[0]);
                if (bias is not null && bias.EndsWith(BiasSuffix, StringComparison.Ordinal)
                    && initializers.TryGetValue(bias, out var b) && b.Dims.Count == 1 && b.Dims[0] == weight.Dims[1])
                {
                    return string.Concat(bias.AsSpan(0, bias.Length - BiasSuffix.Length), ".weight");
                }
            }
        }

        return null;
    }

    /// <summary>[in, out] row-major → [out, in] row-major.</summary>
    private static TensorData Transpose(string name, OnnxInitializer weight)
    {
        var (rows, cols) = ((int)weight.Dims[0], (int)weight.Dims[1]);
        var source = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(weight.RawData);
        var target = new float[source.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                target[(c * rows) + r] = source[(r * cols) + c];
            }
        }

        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(target.AsSpan()).ToArray();
        return new TensorData(name, SafetensorsDType.F32, [cols, rows], bytes);
    }

    private static void Add(Dictionary<string, TensorData> result, TensorData tensor, string source)
    {
        if (!result.TryAdd(tensor.Name, tensor))
        {
            throw new ModelFormatException($"{source}: two initializers map to '{tensor.Name}'");
        }
    }

    private static string Shape(OnnxInitializer i) => "[" + string.Join(", ", i.Dims) + "]";
}
