using System.Buffers.Binary;
using System.Text;
using Gateway.Model.Safetensors;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Safetensors;

public sealed class SafetensorsFileTests
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float16)]
    public void Round_trip_preserves_values_shape_and_dtype(ScalarType dtype)
    {
        using var dir = new TempDirectory();
        using var generator = new Generator(1);
        using var a = randn([3, 5], generator: generator).to_type(dtype);
        using var b = randn([7], generator: generator).to_type(dtype);
        SafetensorsFile.Write(dir.File("x.safetensors"), [a.ToTensorData("layer.a"), b.ToTensorData("b")]);

        var read = SafetensorsFile.Read(dir.File("x.safetensors"));

        Assert.Equal(2, read.Count);
        using var a2 = read["layer.a"].ToTorch();
        using var b2 = read["b"].ToTorch();
        Assert.Equal(dtype, a2.dtype);
        Assert.Equal(new long[] { 3, 5 }, a2.shape);
        Assert.Equal(a.bytes.ToArray(), a2.bytes.ToArray());
        Assert.Equal(b.bytes.ToArray(), b2.bytes.ToArray());
    }

    [Fact]
    public void Data_starts_eight_byte_aligned()
    {
        using var dir = new TempDirectory();
        using var t = ones(3);
        SafetensorsFile.Write(dir.File("x.safetensors"), [t.ToTensorData("odd_name")]);

        var file = File.ReadAllBytes(dir.File("x.safetensors"));

        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(file) % 8);
    }

    [Fact]
    public void Offsets_past_the_data_are_rejected()
    {
        var file = Image("""{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,16]}}""", new byte[8]);

        var e = Assert.Throws<ModelFormatException>(() => SafetensorsFile.Parse(file, "t"));

        Assert.Contains("'w'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_not_matching_shape_is_rejected()
    {
        var file = Image("""{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", new byte[8]);

        Assert.Throws<ModelFormatException>(() => SafetensorsFile.Parse(file, "t"));
    }

    [Fact]
    public void Shape_whose_size_overflows_is_rejected()
    {
        var file = Image("""{"w":{"dtype":"F32","shape":[4294967296,4294967296,4],"data_offsets":[0,0]}}""", []);

        Assert.Throws<ModelFormatException>(() => SafetensorsFile.Parse(file, "t"));
    }

    [Fact]
    public void Overlapping_tensors_are_rejected()
    {
        var file = Image(
            """{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""",
            new byte[8]);

        Assert.Throws<ModelFormatException>(() => SafetensorsFile.Parse(file, "t"));
    }

    [Fact]
    public void Missing_tensor_error_names_it()
    {
        var set = new TensorSet(new Dictionary<string, TensorData>(), "ckpt");

        var e = Assert.Throws<ModelFormatException>(() => set.Get("model.norm.weight"));

        Assert.Contains("model.norm.weight", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mis_shaped_tensor_error_gives_both_shapes()
    {
        var set = new TensorSet(
            new Dictionary<string, TensorData> { ["w"] = new("w", SafetensorsDType.F32, [2, 2], new byte[16]) }, "ckpt");

        var e = Assert.Throws<ModelFormatException>(() => set.Get("w", [4, 1]));

        Assert.Contains("[2, 2]", e.Message, StringComparison.Ordinal);
        Assert.Contains("[4, 1]", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Image(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        data.CopyTo(file, 8 + json.Length);
        return file;
    }
}
