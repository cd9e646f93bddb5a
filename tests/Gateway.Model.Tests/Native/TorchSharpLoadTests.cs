using TorchSharp;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Native;

public sealed class TorchSharpLoadTests
{
    [Fact]
    public void Native_library_loads_and_multiplies_matrices()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        using var b = tensor(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 });
        using var c = a.matmul(b);
        Assert.Equal(new float[] { 19, 22, 43, 50 }, c.data<float>().ToArray());
    }
}
