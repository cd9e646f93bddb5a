namespace Gateway.Model.Generation;

/// <summary>
/// Watches generation token by token, on the generating thread: the hook for streaming output and for stop
/// conditions that tokens alone cannot express (stop strings spanning several tokens).
/// </summary>
public interface IGenerationObserver
{
    /// <param name="sequence">the sequence's index in the batch</param>
    /// <param name="generated">the tokens generated for it so far, the new one last</param>
    /// <returns>false to end the sequence here (<see cref="FinishReason.Stop"/>, the token kept)</returns>
    bool OnToken(int sequence, IReadOnlyList<int> generated);
}
