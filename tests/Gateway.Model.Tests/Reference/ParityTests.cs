using Gateway.Model.Config;
using Gateway.Model.Generation;
using Gateway.Model.Lora;
using static TorchSharp.torch;

namespace Gateway.Model.Tests.Reference;

/// <summary>
/// The C# runtime against an independent numpy implementation of HF Qwen2 (Reference/qwen2_reference.py), on a tiny
/// random Qwen2-layout checkpoint written to disk: logits within 1e-4 and the same greedy tokens, with and without
/// a PEFT adapter whose B is non-zero.
/// </summary>
public sealed class ParityTests
{
    private static readonly int[] Prompt = [7, 3, 22, 45, 11, 30, 2];
    private const int NewTokens = 8;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Logits_and_greedy_tokens_match_the_numpy_reference(bool withAdapter)
    {
        using var dir = new TempDirectory();
        var config = TinyModels.Qwen2Config() with { RopeScaling = new RopeScaling { RopeType = "linear", Factor = 2.0 } };
        using (var source = TinyModels.Create(config))
        {
            source.Save(dir.File("model"));
            if (withAdapter)
            {
                source.AddLora(new LoraOptions { Rank = 4, Alpha = 8, TargetModules = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj"] });
                TinyModels.RandomizeLoraB(source);
                source.SaveAdapter(dir.File("adapter"));
            }
        }

        var adapter = withAdapter ? dir.File("adapter") : null;
        using var model = CausalLm.Load(dir.File("model"), adapter);
        var reference = PythonReference.Run(dir.File("model"), adapter, Prompt, NewTokens);

        using (no_grad())
        {
            using var ids = TinyModels.Ids(Prompt.Select(t => (long)t).ToArray());
            using var logits = model.Forward(ids);
            using var expected = tensor(reference.Logits.SelectMany(r => r).Select(v => (float)v).ToArray(), logits.shape);
            Assert.True(TinyModels.MaxAbsDiff(logits, expected) < 1e-4f, $"max |Δlogit| = {TinyModels.MaxAbsDiff(logits, expected)}");
        }

        var greedy = model.Generate([Prompt], new GenerationOptions { MaxNewTokens = NewTokens })[0].Tokens;
        Assert.Equal(reference.Greedy, greedy);
    }
}
