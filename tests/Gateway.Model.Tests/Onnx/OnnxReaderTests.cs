using Gateway.Model.Onnx;
using Google.Protobuf;

namespace Gateway.Model.Tests.Onnx;

public sealed class OnnxReaderTests
{
    // Writes a ModelProto by hand with onnx.proto's field numbers: graph = 7; node = 1 (input 1, output 2, op_type 4);
    // initializer = 5 (dims 1, data_type 2, float_data 4, name 8, raw_data 9).
    private static byte[] Model(Action<CodedOutputStream> writeGraph)
    {
        var graph = Message(writeGraph);
        return Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(8); // ir_version, skipped by the reader
            o.WriteTag(7, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(graph));
        });
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static void Field(CodedOutputStream o, int number, byte[] message)
    {
        o.WriteTag(number, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(message));
    }

    [Fact]
    public void Reads_nodes_and_a_float_data_initializer_with_unpacked_dims()
    {
        var node = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("x");
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString("w");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString("y");
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteString("MatMul");
        });
        var tensor = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(2);
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(1);
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt32(OnnxInitializer.Float);
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteLength(8);
            o.WriteFloat(1.5f);
            o.WriteFloat(-2f);
            o.WriteTag(8, WireFormat.WireType.LengthDelimited);
            o.WriteString("w");
        });

        var graph = OnnxReader.ReadGraph(Model(o => { Field(o, 1, node); Field(o, 5, tensor); }), "test");

        var read = Assert.Single(graph.Nodes);
        Assert.Equal("MatMul", read.OpType);
        Assert.Equal(["x", "w"], read.Inputs);
        Assert.Equal(["y"], read.Outputs);
        var initializer = Assert.Single(graph.Initializers);
        Assert.Equal([2L, 1L], initializer.Dims);
        Assert.Equal(new[] { 1.5f, -2f }, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(initializer.RawData).ToArray());
    }

    [Fact]
    public void A_model_without_a_graph_is_rejected()
    {
        Assert.Throws<ModelFormatException>(() => OnnxReader.ReadGraph(Model(_ => { })[..2], "test"));
    }

    [Fact]
    public void Truncated_bytes_are_a_format_error()
    {
        var bytes = Model(o => Field(o, 5, Message(t =>
        {
            t.WriteTag(8, WireFormat.WireType.LengthDelimited);
            t.WriteString("a-long-initializer-name");
        })));
        Assert.Throws<ModelFormatException>(() => OnnxReader.ReadGraph(bytes[..^5], "test"));
    }
}
