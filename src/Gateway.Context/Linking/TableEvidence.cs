namespace Gateway.Context.Linking;

/// <summary>What lexical matching found in one table: its score, the columns that matched, and the evidence in words.</summary>
internal sealed class TableEvidence(string table)
{
    public string Table { get; } = table;

    public double Lexical { get; private set; }

    public double Similarity { get; set; }

    public HashSet<string> MatchedColumns { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Notes { get; } = [];

    public double Combined => Lexical + Math.Max(0, Similarity);

    public void Add(double score, string note, string? column = null)
    {
        Lexical += score;
        if (column is not null)
        {
            MatchedColumns.Add(column);
        }

        if (Notes.Count < 4 && !Notes.Contains(note))
        {
            Notes.Add(note);
        }
    }
}
