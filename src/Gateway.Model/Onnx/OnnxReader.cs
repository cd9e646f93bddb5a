using System.Runtime.InteropServices;
using Google.Protobuf;

namespace Gateway.Model.Onnx;

/// <summary>
/// Reads the graph of an ONNX model with Google.Protobuf's wire reader and a hand-declared subset of onnx.proto
/// (field numbers below), so no generated code or protoc is needed. Fields not listed are skipped.
/// </summary>
internal static class OnnxReader
{
    // onnx.proto field numbers.
    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorFloatData = 4;
    private const int TensorName = 8;
    private const int TensorRawData = 9;
    private const int TensorDataLocation = 14;

    public static OnnxGraph ReadGraph(byte[] model, string source)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            var input = new CodedInputStream(model);
            OnnxGraph? graph = null;
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == ModelGraph)
                {
                    graph = ReadGraph(input.ReadBytes().CreateCodedInput());
                }
                else
                {
                    input.SkipLastField();
                }
            }

            return graph ?? throw new ModelFormatException($"{source}: no graph in the ONNX model");
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new ModelFormatException($"{source}: not a valid ONNX protobuf: {e.Message}", e);
        }
    }

    private static OnnxGraph ReadGraph(CodedInputStream input)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxInitializer>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case GraphNode:
                    nodes.Add(ReadNode(input.ReadBytes().CreateCodedInput()));
                    break;
                case GraphInitializer:
                    initializers.Add(ReadTensor(input.ReadBytes().CreateCodedInput()));
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new OnnxGraph(nodes, initializers);
    }

    private static OnnxNode ReadNode(CodedInputStream input)
    {
        var (name, opType) = ("", "");
        var inputs = new List<string>();
        var outputs = new List<string>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case NodeInput: inputs.Add(input.ReadString()); break;
                case NodeOutput: outputs.Add(input.ReadString()); break;
                case NodeName: name = input.ReadString(); break;
                case NodeOpType: opType = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new OnnxNode(name, opType, inputs, outputs);
    }

    private static OnnxInitializer ReadTensor(CodedInputStream input)
    {
        var name = "";
        var dataType = 0;
        var dims = new List<long>();
        byte[]? raw = null;
        var floats = new List<float>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var packed = WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited;
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case TensorDims when packed:
                    ReadPacked(input, s => dims.Add(s.ReadInt64()));
                    break;
                case TensorDims:
                    dims.Add(input.ReadInt64());
                    break;
                case TensorDataType:
                    dataType = input.ReadInt32();
                    break;
                case TensorFloatData when packed:
                    ReadPacked(input, s => floats.Add(s.ReadFloat()));
                    break;
                case TensorFloatData:
                    floats.Add(input.ReadFloat());
                    break;
                case TensorName:
                    name = input.ReadString();
                    break;
                case TensorRawData:
                    raw = input.ReadBytes().ToByteArray();
                    break;
                case TensorDataLocation when input.ReadInt32() != 0:
                    throw new ModelFormatException($"initializer '{name}' keeps its data in an external file, which is not supported");
                default:
                    input.SkipLastField();
                    break;
            }
        }

        // Small tensors are often written as float_data instead of raw_data; both are little-endian float32 here.
        raw ??= MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(floats)).ToArray();
        return new OnnxInitializer(name, dataType, dims, raw);
    }

    private static void ReadPacked(CodedInputStream input, Action<CodedInputStream> readOne)
    {
        var packed = input.ReadBytes().CreateCodedInput();
        while (!packed.IsAtEnd)
        {
            readOne(packed);
        }
    }
}
