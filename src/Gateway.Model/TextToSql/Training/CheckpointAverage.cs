using Gateway.Model.Safetensors;
using Gateway.Model.TextToSql.Network;
using static TorchSharp.torch;

namespace Gateway.Model.TextToSql.Training;

/// <summary>
/// The element-wise mean of several checkpoints of one network. Late epochs of a cosine schedule sit near one minimum
/// from different sides; their mean usually generalises a little better than any one of them, at no inference cost.
/// </summary>
internal static class CheckpointAverage
{
    /// <summary>Loads the mean of <paramref name="checkpoints"/>' weights into <paramref name="network"/>.</summary>
    public static void LoadInto(PointerNetwork network, IReadOnlyList<string> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(checkpoints);
        if (checkpoints.Count == 0)
        {
            throw new ArgumentException("no checkpoints to average", nameof(checkpoints));
        }

        var sets = checkpoints.Select(c => new TensorSet(SafetensorsFile.Read(Path.Combine(c, PointerWeights.WeightsFile)), c)).ToList();
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            foreach (var (name, parameter) in network.named_parameters())
            {
                var sum = zeros_like(parameter);
                foreach (var set in sets)
                {
                    sum.add_(set.Get(name, parameter.shape).ToTorch(ScalarType.Float32));
                }

                parameter.copy_(sum.div_(sets.Count));
            }
        }
    }
}
