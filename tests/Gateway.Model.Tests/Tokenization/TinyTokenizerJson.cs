using System.Text.Json.Nodes;

namespace Gateway.Model.Tests.Tokenization;

/// <summary>
/// Builds a small tokenizer.json the way HF writes byte-level BPE: the 256 byte symbols of GPT-2's byte-to-unicode
/// table, a few merges that spell SQL keywords, Qwen2's split pattern and chat special tokens.
/// </summary>
internal static class TinyTokenizerJson
{
    public const string QwenPattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public static readonly string[][] Merges =
    [
        ["S", "E"], ["SE", "L"], ["SEL", "E"], ["SELE", "C"], ["SELEC", "T"],
        ["F", "R"], ["FR", "O"], ["FRO", "M"], ["Ġ", "FROM"],
        ["W", "H"], ["WH", "E"], ["WHE", "R"], ["WHER", "E"], ["Ġ", "WHERE"],
        ["Ġ", "n"], ["Ġn", "a"], ["Ġna", "m"], ["Ġnam", "e"],
        ["1", "2"],
    ];

    public static string Build(bool arrayMerges = true)
    {
        var vocab = new JsonObject();
        var id = 0;
        foreach (var symbol in ByteSymbols())
        {
            vocab[symbol] = id++;
        }

        foreach (var merge in Merges)
        {
            vocab[merge[0] + merge[1]] = id++;
        }

        var added = new JsonArray();
        foreach (var special in new[] { "<|endoftext|>", "<|im_start|>", "<|im_end|>" })
        {
            added.Add(new JsonObject { ["id"] = id++, ["content"] = special, ["special"] = true });
        }

        var merges = new JsonArray(Merges.Select(m => arrayMerges
            ? (JsonNode)new JsonArray(JsonValue.Create(m[0]), JsonValue.Create(m[1]))
            : JsonValue.Create(m[0] + " " + m[1])).ToArray());
        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = added,
            ["normalizer"] = new JsonObject { ["type"] = "NFC" },
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "Split",
                        ["pattern"] = new JsonObject { ["Regex"] = QwenPattern },
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
                ["merges"] = merges,
            },
        };
        return root.ToJsonString();
    }

    // GPT-2's table: printable bytes map to themselves, the rest to U+0100 onwards, in byte order.
    private static IEnumerable<string> ByteSymbols()
    {
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            yield return ((char)(printable ? b : next++)).ToString();
        }
    }
}
