namespace Gateway.Model.Tokenization;

/// <summary>A BERT <c>vocab.txt</c>: one token a line, the id is the line number (from 0).</summary>
public sealed class WordPieceVocabulary
{
    private readonly Dictionary<string, int> _ids;
    private readonly string[] _tokens;

    private WordPieceVocabulary(string[] tokens)
    {
        _tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            // A repeated line maps to its last id, as HF's load_vocab (dict assignment line by line) does.
            _ids[tokens[i]] = i;
        }
    }

    public int Count => _tokens.Length;

    public static WordPieceVocabulary Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new WordPieceVocabulary([.. lines]);
    }

    public static async Task<WordPieceVocabulary> LoadAsync(string path, CancellationToken cancellationToken = default) =>
        Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));

    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    public int GetId(string token) =>
        _ids.TryGetValue(token, out var id) ? id : throw new ModelFormatException($"vocab.txt has no '{token}'");

    public string GetToken(int id) => _tokens[id];
}
