namespace Gateway.Model.Onnx;

/// <summary>The parts of an ONNX <c>GraphProto</c> that weight import needs: nodes and initializers.</summary>
internal sealed record OnnxGraph(IReadOnlyList<OnnxNode> Nodes, IReadOnlyList<OnnxInitializer> Initializers);

/// <summary>One <c>NodeProto</c>: operator and the value names it reads and writes.</summary>
internal sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

/// <summary>One initializer <c>TensorProto</c>: float32 values only (the weights of the encoders we import).</summary>
internal sealed record OnnxInitializer(string Name, int DataType, IReadOnlyList<long> Dims, byte[] RawData)
{
    /// <summary>TensorProto.DataType.FLOAT.</summary>
    public const int Float = 1;

    public long ElementCount => Dims.Aggregate(1L, (a, b) => a * b);
}
