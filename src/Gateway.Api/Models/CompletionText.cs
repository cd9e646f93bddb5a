using Gateway.Model.Tokenization;

namespace Gateway.Api.Models;

/// <summary>
/// The text of one choice as its tokens arrive: decoded whole each time (byte-level tokens may split a UTF-8
/// character), cut at the first stop string, and handed out in deltas that never end inside a possible stop string
/// or an unfinished character.
/// </summary>
internal sealed class CompletionText(HfTokenizer tokenizer, IReadOnlyList<string> stopStrings)
{
    private readonly int _holdBack = stopStrings.Count == 0 ? 0 : stopStrings.Max(s => s.Length) - 1;
    private int _emitted;

    public string Text { get; private set; } = "";

    /// <summary>A stop string was produced; <see cref="Text"/> ends just before it.</summary>
    public bool HitStopString { get; private set; }

    /// <summary>Takes the tokens generated so far; false once a stop string has appeared.</summary>
    public bool Update(IReadOnlyList<int> generated)
    {
        var text = tokenizer.Decode(generated, skipSpecialTokens: true);
        var cut = -1;
        foreach (var stop in stopStrings)
        {
            var at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut))
            {
                cut = at;
            }
        }

        if (cut >= 0)
        {
            Text = text[..cut];
            HitStopString = true;
            return false;
        }

        Text = text;
        return true;
    }

    /// <summary>The text not handed out yet that is safe to hand out; with <paramref name="final"/>, all of it.</summary>
    public string TakeDelta(bool final)
    {
        var end = final ? Text.Length : Math.Max(0, Text.Length - _holdBack);
        // One trailing replacement character may be the first bytes of a character still being generated (an
        // unfinished UTF-8 sequence decodes to one); any before it are invalid bytes for good and go out.
        if (!final && end > _emitted && (Text[end - 1] == '\uFFFD' || char.IsHighSurrogate(Text[end - 1])))
        {
            end--;
        }

        if (end <= _emitted)
        {
            return "";
        }

        var delta = Text[_emitted..end];
        _emitted = end;
        return delta;
    }
}
