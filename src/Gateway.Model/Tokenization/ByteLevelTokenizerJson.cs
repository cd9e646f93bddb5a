using System.Text.Json.Nodes;

namespace Gateway.Model.Tokenization;

/// <summary>
/// The smallest usable byte-level BPE <c>tokenizer.json</c>: GPT-2's 256 byte symbols (ids 0-255, one token per
/// byte, no merges) and the added tokens <c>&lt;|endoftext|&gt;</c> (256), <c>&lt;|im_start|&gt;</c> (257) and
/// <c>&lt;|im_end|&gt;</c> (258). It encodes any text, at the price of long sequences; <c>gateway model init</c>
/// writes it when no tokenizer is given.
/// </summary>
public static class ByteLevelTokenizerJson
{
    public const int EndOfText = 256;
    public const int VocabSize = 259;

    // Qwen2's split pattern: words, single digits, punctuation runs, whitespace.
    internal const string SplitPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public static string Build() => Build([]);

    /// <summary>
    /// The same layout with learnt <paramref name="merges"/> (byte-symbol strings): each merge's result gets the next
    /// id after the special tokens, in order (see <see cref="BpeTrainer"/>).
    /// </summary>
    public static string Build(IReadOnlyList<(string Left, string Right)> merges)
    {
        ArgumentNullException.ThrowIfNull(merges);
        var vocab = new JsonObject();
        var id = 0;
        foreach (var symbol in ByteSymbols())
        {
            vocab[symbol] = id++;
        }

        var added = new JsonArray();
        foreach (var special in new[] { "<|endoftext|>", "<|im_start|>", "<|im_end|>" })
        {
            added.Add(new JsonObject { ["id"] = id++, ["content"] = special, ["special"] = true });
        }

        var mergeList = new JsonArray();
        foreach (var (left, right) in merges)
        {
            vocab[left + right] = id++;
            mergeList.Add(JsonValue.Create(left + " " + right));
        }

        return new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = added,
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "Split",
                        ["pattern"] = new JsonObject { ["Regex"] = SplitPattern },
                        ["behavior"] = "Isolated",
                        ["invert"] = false,
                    },
                    new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false }),
            },
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["dropout"] = null,
                ["unk_token"] = null,
                ["byte_fallback"] = false,
                ["vocab"] = vocab,
                ["merges"] = mergeList,
            },
        }.ToJsonString();
    }

    // GPT-2's table: printable bytes map to themselves, the rest to U+0100 onwards, in byte order.
    internal static IEnumerable<string> ByteSymbols()
    {
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            yield return ((char)(printable ? b : next++)).ToString();
        }
    }
}
