using System.CommandLine;

namespace Gateway.Commands.Model;

/// <summary>
/// <c>--threads N</c> for every command that runs the model: libtorch's intra-op threads. On a loaded machine one
/// thread is often fastest, because spinning workers compete with other processes for the cores.
/// </summary>
internal sealed class ThreadsOption
{
    public Option<int> Option { get; } = new("--threads")
    {
        Description = "Threads for tensor operations (default: the number of processors).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    /// <summary>Sets torch's thread count; false when the value is not positive.</summary>
    public bool Apply(ParseResult parse)
    {
        var threads = parse.GetValue(Option);
        if (threads < 1)
        {
            return false;
        }

        TorchSharp.torch.set_num_threads(threads);
        return true;
    }
}
