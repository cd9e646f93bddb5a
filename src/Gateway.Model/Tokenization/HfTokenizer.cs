using System.Text;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Gateway.Model.Tokenization;

/// <summary>
/// A Hugging Face byte-level BPE tokenizer (GPT-2, Qwen2, Llama 3 style) loaded from <c>tokenizer.json</c>, running on
/// Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/>. Added tokens such as <c>&lt;|im_end|&gt;</c> are matched whole.
/// </summary>
public sealed class HfTokenizer
{
    public const string FileName = "tokenizer.json";

    private readonly BpeTokenizer _bpe;
    private readonly IReadOnlySet<string> _special;
    private readonly HashSet<int> _specialIds;
    private readonly NormalizationForm? _normalization;

    private HfTokenizer(
        BpeTokenizer bpe, IReadOnlyDictionary<string, int> addedTokens, IReadOnlySet<string> special, NormalizationForm? normalization)
    {
        _bpe = bpe;
        _normalization = normalization;
        AddedTokens = addedTokens;
        _special = special;
        _specialIds = special.Select(s => addedTokens[s]).ToHashSet();
        VocabSize = Math.Max(bpe.Vocabulary.Values.DefaultIfEmpty(-1).Max(), addedTokens.Values.DefaultIfEmpty(-1).Max()) + 1;
    }

    /// <summary>Added tokens (content to id), matched before BPE; those marked special can be skipped when decoding.</summary>
    public IReadOnlyDictionary<string, int> AddedTokens { get; }

    /// <summary>One more than the largest id.</summary>
    public int VocabSize { get; }

    /// <summary>Loads <paramref name="path"/>: a tokenizer.json file or a folder holding one.</summary>
    public static HfTokenizer Load(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file))
        {
            throw new ModelFormatException($"{path}: {FileName} not found");
        }

        return FromJson(File.ReadAllText(file), file);
    }

    public static HfTokenizer FromJson(string json, string source = FileName)
    {
        var parsed = TokenizerJson.Parse(json, source);
        var regex = new Regex(parsed.SplitPattern, RegexOptions.Compiled | RegexOptions.CultureInvariant);
        var options = new BpeOptions(parsed.Vocabulary)
        {
            Merges = parsed.Merges,
            SpecialTokens = parsed.AddedTokens,
            PreTokenizer = new RegexPreTokenizer(regex, parsed.AddedTokens),
            ByteLevel = true,
        };
        return new HfTokenizer(BpeTokenizer.Create(options), parsed.AddedTokens, parsed.SpecialTokens, parsed.Normalization);
    }

    public IReadOnlyList<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Normalised here rather than through BpeOptions.Normalizer, which BpeTokenizer 2.0.1 did not apply in our tests.
        // Under InvariantGlobalization (this solution's setting) .NET has no ICU and Normalize returns the text as is,
        // so decomposed input (rare) may tokenize differently from HF until the host enables ICU.
        return _bpe.EncodeToIds(_normalization is { } form ? text.Normalize(form) : text);
    }

    /// <summary>The text of <paramref name="ids"/>; special tokens are left out when <paramref name="skipSpecialTokens"/>.</summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var kept = skipSpecialTokens ? ids.Where(id => !_specialIds.Contains(id)) : ids;
        return _bpe.Decode(kept, considerSpecialTokens: true) ?? "";
    }

    /// <summary>The id of a vocabulary or added token, or null.</summary>
    public int? TokenToId(string token) =>
        AddedTokens.TryGetValue(token, out var id) || _bpe.Vocabulary.TryGetValue(token, out id) ? id : null;

    public bool IsSpecial(string token) => _special.Contains(token);
}
