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

    [Fact]
    public void Build_marks_the_glibcxx_3_4_32_requirement_of_the_copied_library_weak()
    {
        // Debian 12's libstdc++ lacks GLIBCXX_3.4.32; build/TorchSharpNativeFix.targets makes the loader accept that.
        const ushort VerFlgWeak = 0x2;
        var library = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");

        var needs = ElfVersionNeeds.Read(library);

        Assert.True(needs.ContainsKey("GLIBCXX_3.4.32"), "TorchSharp no longer needs GLIBCXX_3.4.32: the fix may be dropped");
        Assert.Equal(VerFlgWeak, needs["GLIBCXX_3.4.32"] & VerFlgWeak);
        Assert.Equal(0, needs["GLIBCXX_3.4.9"] & VerFlgWeak);
    }
}
