using static TorchSharp.torch;

namespace Gateway.Model.Encoders;

/// <summary>
/// A module that only groups children under a name (HF's <c>attention</c> and <c>intermediate</c> levels), so the
/// parameter paths match Hugging Face without a forward of its own.
/// </summary>
internal sealed class ModuleGroup : nn.Module
{
    public ModuleGroup(string name)
        : base(name)
    {
    }

    public void Add(string name, nn.Module child) => register_module(name, child);
}
