using System.Text;
using System.Text.Json;

namespace Gateway.Model.Tokenization;

/// <summary>
/// What a Hugging Face <c>tokenizer.json</c> says about a byte-level BPE tokenizer: vocabulary, merges, added
/// (special) tokens and the pre-tokenizer's split pattern. Microsoft.ML.Tokenizers 2.0.1 has no tokenizer.json
/// reader, so this fills that gap and hands the pieces to its <c>BpeTokenizer</c>.
/// </summary>
internal sealed record TokenizerJson(
    IReadOnlyDictionary<string, int> Vocabulary,
    IReadOnlyList<string> Merges,
    IReadOnlyDictionary<string, int> AddedTokens,
    IReadOnlySet<string> SpecialTokens,
    string SplitPattern,
    NormalizationForm? Normalization)
{
    /// <summary>GPT-2's pattern, used by a ByteLevel pre-tokenizer with use_regex and no explicit Split.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static TokenizerJson Parse(string json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var model = root.GetProperty("model");
            var type = model.TryGetProperty("type", out var t) ? t.GetString() : "BPE";
            if (type != "BPE")
            {
                throw new ModelFormatException($"{source}: tokenizer model '{type}' is not supported (only byte-level BPE)");
            }

            if (model.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True)
            {
                throw new ModelFormatException($"{source}: byte_fallback (SentencePiece-style) BPE is not supported");
            }

            var vocabulary = model.GetProperty("vocab").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
            var merges = model.GetProperty("merges").EnumerateArray().Select(ReadMerge).ToList();
            var added = new Dictionary<string, int>(StringComparer.Ordinal);
            var special = new HashSet<string>(StringComparer.Ordinal);
            if (root.TryGetProperty("added_tokens", out var addedTokens) && addedTokens.ValueKind == JsonValueKind.Array)
            {
                foreach (var token in addedTokens.EnumerateArray())
                {
                    var content = token.GetProperty("content").GetString() ?? "";
                    added[content] = token.GetProperty("id").GetInt32();
                    if (token.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True)
                    {
                        special.Add(content);
                    }
                }
            }

            var pattern = root.TryGetProperty("pre_tokenizer", out var pre) ? FindSplitPattern(pre) : null;
            var normalizer = root.TryGetProperty("normalizer", out var norm) && norm.ValueKind == JsonValueKind.Object
                && norm.TryGetProperty("type", out var normType) ? normType.GetString() : null;
            return new TokenizerJson(vocabulary, merges, added, special, pattern ?? Gpt2Pattern, ToForm(normalizer, source));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ModelFormatException($"{source}: malformed tokenizer.json: {e.Message}", e);
        }
    }

    private static NormalizationForm? ToForm(string? type, string source) => type switch
    {
        null => null,
        "NFC" => NormalizationForm.FormC,
        "NFKC" => NormalizationForm.FormKC,
        "NFD" => NormalizationForm.FormD,
        "NFKD" => NormalizationForm.FormKD,
        _ => throw new ModelFormatException($"{source}: normalizer '{type}' is not supported (only NFC, NFKC, NFD, NFKD)"),
    };

    // Older files store "a b"; newer ones ["a", "b"].
    private static string ReadMerge(JsonElement merge) => merge.ValueKind == JsonValueKind.Array
        ? string.Join(' ', merge.EnumerateArray().Select(p => p.GetString()))
        : merge.GetString() ?? "";

    private static string? FindSplitPattern(JsonElement pre)
    {
        if (pre.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = pre.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "Sequence":
                return pre.GetProperty("pretokenizers").EnumerateArray().Select(FindSplitPattern).FirstOrDefault(p => p is not null);
            case "Split" when pre.TryGetProperty("pattern", out var pattern):
                return pattern.TryGetProperty("Regex", out var regex) ? regex.GetString()
                    : pattern.TryGetProperty("String", out var literal) ? System.Text.RegularExpressions.Regex.Escape(literal.GetString() ?? "")
                    : null;
            case "ByteLevel" when !pre.TryGetProperty("use_regex", out var useRegex) || useRegex.ValueKind != JsonValueKind.False:
                return Gpt2Pattern;
            default:
                return null;
        }
    }
}
