using static TorchSharp.torch;

namespace Gateway.Model.Generation;

/// <summary>
/// Rewrites next-token logits before a token is chosen: the hook for constrained decoding (grammar masks,
/// banned tokens, repetition penalties). Processors run in order on every step.
/// </summary>
public interface ILogitsProcessor
{
    /// <param name="tokens">per sequence in the batch: its prompt followed by the tokens generated so far</param>
    /// <param name="logits">[batch, vocab] float32 logits of the next token</param>
    /// <returns>the logits to use (may be <paramref name="logits"/> changed in place); -inf forbids a token</returns>
    Tensor Process(IReadOnlyList<IReadOnlyList<int>> tokens, Tensor logits);
}
