using System.Text;
using System.Text.RegularExpressions;

namespace Gateway.Model.Tokenization;

/// <summary>What <see cref="BpeTrainer.Train"/> learnt.</summary>
/// <param name="TokenizerJson">the tokenizer.json text</param>
/// <param name="VocabSize">ids in it: 256 bytes, 3 special tokens, one per merge</param>
/// <param name="Merges">merges learnt (fewer than asked for when no pair occurs twice any more)</param>
public sealed record LearntTokenizer(string TokenizerJson, int VocabSize, int Merges);

/// <summary>
/// Learns a byte-level BPE tokenizer from text, as Hugging Face's BPE trainer does: the text is split with the
/// tokenizer's own pattern, each piece becomes its bytes, and the most frequent adjacent pair is merged into a new
/// token until the vocabulary is full or no pair occurs twice. Ties go to the ordinally smaller pair, so the result
/// depends only on the text. Ids: bytes 0-255, the special tokens 256-258, merges from 259.
/// </summary>
public static class BpeTrainer
{
    /// <summary>The smallest vocabulary: the 256 byte symbols and the three special tokens.</summary>
    public const int MinimumVocabSize = ByteLevelTokenizerJson.VocabSize;

    public static LearntTokenizer Train(IEnumerable<string> texts, int vocabSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (vocabSize < MinimumVocabSize)
        {
            throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, $"the vocabulary needs at least {MinimumVocabSize} ids (256 bytes and 3 special tokens)");
        }

        var symbols = ByteLevelTokenizerJson.ByteSymbols().ToList();
        var words = CountWords(texts, cancellationToken);
        var state = new MergeState(words, symbols);
        var merges = new List<(string Left, string Right)>();
        while (symbols.Count + 3 < vocabSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (state.Best() is not { } best)
            {
                break;
            }

            merges.Add((symbols[best.Left], symbols[best.Right]));
            symbols.Add(symbols[best.Left] + symbols[best.Right]);
            state.Merge(best, symbols.Count - 1);
        }

        return new LearntTokenizer(ByteLevelTokenizerJson.Build(merges), symbols.Count + 3, merges.Count);
    }

    // Pieces as the tokenizer will split them (its pattern), each a run of byte ids, with their counts.
    private static Dictionary<string, (int[] Symbols, long Count)> CountWords(IEnumerable<string> texts, CancellationToken cancellationToken)
    {
        var split = new Regex(ByteLevelTokenizerJson.SplitPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(10));
        var words = new Dictionary<string, (int[] Symbols, long Count)>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (Match piece in split.Matches(text))
            {
                words[piece.Value] = words.TryGetValue(piece.Value, out var seen)
                    ? (seen.Symbols, seen.Count + 1)
                    : ([.. Encoding.UTF8.GetBytes(piece.Value).Select(b => (int)b)], 1);
            }
        }

        return words;
    }

    private readonly record struct Pair(int Left, int Right);

    /// <summary>Words as symbol ids, pair counts kept up to date as merges apply, and a heap of candidate pairs.</summary>
    private sealed class MergeState
    {
        private readonly List<int[]> _words;
        private readonly long[] _counts;
        private readonly IReadOnlyList<string> _symbols;
        private readonly Dictionary<Pair, long> _pairCounts = [];
        private readonly Dictionary<Pair, HashSet<int>> _wordsWithPair = [];
        private readonly PriorityQueue<Pair, (long Count, string Left, string Right)> _heap;

        public MergeState(Dictionary<string, (int[] Symbols, long Count)> words, IReadOnlyList<string> symbols)
        {
            _symbols = symbols;
            _heap = new PriorityQueue<Pair, (long, string, string)>(Comparer<(long Count, string Left, string Right)>.Create((a, b) =>
            {
                var byCount = b.Count.CompareTo(a.Count);
                if (byCount != 0)
                {
                    return byCount;
                }

                var byLeft = string.CompareOrdinal(a.Left, b.Left);
                return byLeft != 0 ? byLeft : string.CompareOrdinal(a.Right, b.Right);
            }));

            // Sorted so the words' indices, and so everything after, do not depend on dictionary order.
            var ordered = words.OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
            _words = [.. ordered.Select(w => w.Value.Symbols)];
            _counts = [.. ordered.Select(w => w.Value.Count)];
            for (var w = 0; w < _words.Count; w++)
            {
                AddPairs(w, +1);
            }

            foreach (var pair in _pairCounts.Keys)
            {
                Push(pair);
            }
        }

        /// <summary>The most frequent pair occurring at least twice, or null.</summary>
        public Pair? Best()
        {
            while (_heap.TryDequeue(out var pair, out var key))
            {
                // Entries go stale as counts change; only one matching the current count is real.
                if (_pairCounts.TryGetValue(pair, out var count) && count == key.Count)
                {
                    return count >= 2 ? pair : null;
                }
            }

            return null;
        }

        public void Merge(Pair pair, int merged)
        {
            var touched = new HashSet<Pair>();
            foreach (var w in _wordsWithPair[pair].Order().ToList())
            {
                AddPairs(w, -1, touched);
                _words[w] = Replace(_words[w], pair, merged);
                AddPairs(w, +1, touched);
            }

            _pairCounts.Remove(pair);
            _wordsWithPair.Remove(pair);
            touched.Remove(pair);
            foreach (var changed in touched)
            {
                Push(changed);
            }
        }

        private static int[] Replace(int[] word, Pair pair, int merged)
        {
            var result = new List<int>(word.Length);
            for (var i = 0; i < word.Length; i++)
            {
                if (i + 1 < word.Length && word[i] == pair.Left && word[i + 1] == pair.Right)
                {
                    result.Add(merged);
                    i++;
                }
                else
                {
                    result.Add(word[i]);
                }
            }

            return [.. result];
        }

        private void AddPairs(int w, int sign, HashSet<Pair>? touched = null)
        {
            var word = _words[w];
            for (var i = 0; i + 1 < word.Length; i++)
            {
                var pair = new Pair(word[i], word[i + 1]);
                var count = _pairCounts.GetValueOrDefault(pair) + (sign * _counts[w]);
                if (count > 0)
                {
                    _pairCounts[pair] = count;
                    if (sign > 0)
                    {
                        if (!_wordsWithPair.TryGetValue(pair, out var set))
                        {
                            _wordsWithPair[pair] = set = [];
                        }

                        set.Add(w);
                    }
                }
                else
                {
                    _pairCounts.Remove(pair);
                    _wordsWithPair.Remove(pair);
                }

                touched?.Add(pair);
            }
        }

        private void Push(Pair pair)
        {
            if (_pairCounts.TryGetValue(pair, out var count))
            {
                _heap.Enqueue(pair, (count, _symbols[pair.Left], _symbols[pair.Right]));
            }
        }
    }
}
