using Gateway.Api.Models;
using Gateway.Model.Tokenization;

namespace Gateway.Api.Tests.Models;

public sealed class CompletionTextTests
{
    private static readonly HfTokenizer Tokenizer = HfTokenizer.FromJson(ByteLevelTokenizerJson.Build());

    /// <summary>Feeds the tokens of <paramref name="text"/> one at a time, as generation would, collecting deltas.</summary>
    private static (string Streamed, CompletionText Text, int Fed) Feed(string text, params string[] stops)
    {
        var completion = new CompletionText(Tokenizer, stops);
        var tokens = Tokenizer.Encode(text);
        var streamed = "";
        var fed = 0;
        for (var i = 1; i <= tokens.Count; i++)
        {
            fed = i;
            var keepGoing = completion.Update(tokens.Take(i).ToList());
            if (!keepGoing)
            {
                break;
            }

            streamed += completion.TakeDelta(final: false);
        }

        return (streamed + completion.TakeDelta(final: true), completion, fed);
    }

    [Fact]
    public void Stop_string_ends_the_text_before_it_and_generation_there()
    {
        var (streamed, text, fed) = Feed("SELECT 1;\n\nExplanation: none", ";\n");

        Assert.Equal("SELECT 1", text.Text);
        Assert.Equal("SELECT 1", streamed);
        Assert.True(text.HitStopString);
        Assert.Equal(Tokenizer.Encode("SELECT 1;\n").Count, fed);
    }

    [Fact]
    public void Deltas_never_split_a_multibyte_character()
    {
        var completion = new CompletionText(Tokenizer, []);
        var tokens = Tokenizer.Encode("Zoë");
        var deltas = new List<string>();
        for (var i = 1; i <= tokens.Count; i++)
        {
            completion.Update(tokens.Take(i).ToList());
            deltas.Add(completion.TakeDelta(final: false));
        }

        Assert.Equal(["Z", "o", "", "ë"], deltas);
    }

    [Fact]
    public void Invalid_bytes_stream_at_once_but_the_last_possibly_unfinished_character_waits()
    {
        var completion = new CompletionText(Tokenizer, []);
        var bytes = Tokenizer.Encode("\u00e9");

        // 0xA9 alone (a continuation byte) is invalid for good; the trailing 0xC3 may still become é.
        completion.Update([bytes[1], bytes[1], bytes[0]]);

        Assert.Equal("\uFFFD\uFFFD", completion.TakeDelta(final: false));
    }

    [Fact]
    public void Text_that_could_begin_a_stop_string_is_held_back_until_it_cannot()
    {
        var completion = new CompletionText(Tokenizer, ["END"]);
        var tokens = Tokenizer.Encode("abEN");

        completion.Update(tokens);

        Assert.Equal("ab", completion.TakeDelta(final: false));
        Assert.Equal("EN", completion.TakeDelta(final: true));
    }

    [Fact]
    public void Without_stop_strings_the_whole_text_streams()
    {
        var (streamed, text, _) = Feed("SELECT name FROM regions");

        Assert.Equal("SELECT name FROM regions", streamed);
        Assert.False(text.HitStopString);
    }
}
