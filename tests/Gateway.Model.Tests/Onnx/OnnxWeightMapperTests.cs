using Gateway.Model.Onnx;
using Gateway.Model.Safetensors;

namespace Gateway.Model.Tests.Onnx;

public sealed class OnnxWeightMapperTests
{
    private static OnnxInitializer Floats(string name, long[] dims, params float[] values) =>
        new(name, OnnxInitializer.Float, dims, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    [Fact]
    public void Anonymous_matmul_weight_takes_the_name_of_its_bias_and_is_transposed()
    {
        var graph = new OnnxGraph(
            [
                new OnnxNode("m", "MatMul", ["x", "1002"], ["mm"]),
                new OnnxNode("a", "Add", ["encoder.layer.0.attention.self.query.bias", "mm"], ["y"]),
            ],
            [
                Floats("1002", [2, 3], 1, 2, 3, 4, 5, 6),
                Floats("encoder.layer.0.attention.self.query.bias", [3], 0, 0, 0),
            ]);

        var weights = OnnxWeightMapper.Map(graph, "test");

        var weight = weights.Get("encoder.layer.0.attention.self.query.weight", [3, 2]);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(weight.Bytes.Span).ToArray());
        Assert.Equal(2, weights.Count);
    }

    [Fact]
    public void An_initializer_that_cannot_be_named_is_an_error()
    {
        var graph = new OnnxGraph([new OnnxNode("m", "MatMul", ["x", "77"], ["mm"])], [Floats("77", [1, 1], 1)]);
        var e = Assert.Throws<ModelFormatException>(() => OnnxWeightMapper.Map(graph, "test"));
        Assert.Contains("'77'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_initializers_are_not_weights()
    {
        var graph = new OnnxGraph([], [new OnnxInitializer("925", 7, [1], new byte[8])]);
        Assert.Equal(0, OnnxWeightMapper.Map(graph, "test").Count);
    }
}
