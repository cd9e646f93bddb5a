using Gateway.Context.Text;

namespace Gateway.Context.Linking;

/// <summary>
/// Scores each table by the question's terms found in its name (3), its columns' names (2), its own and its
/// columns' descriptions (1; foreign-key columns aside), each weighted by <see cref="SchemaIndex.Weight"/> so a word every table has
/// (<c>name</c>, <c>id</c>) counts for little; and by its sample values the question names (3 each).
/// </summary>
internal static class LexicalTableMatcher
{
    public static Dictionary<string, TableEvidence> Match(SchemaIndex index, string question)
    {
        var questionTerms = TextTerms.SetOf(question);
        var evidence = new Dictionary<string, TableEvidence>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in index.Schema.Tables)
        {
            var found = new TableEvidence(table.Name);
            var own = index.Tables[table.Name];
            var foreignKeyColumns = new HashSet<string>(table.ForeignKeys.SelectMany(k => k.Columns), StringComparer.OrdinalIgnoreCase);
            foreach (var term in questionTerms)
            {
                if (own.Name.Contains(term))
                {
                    found.Add(3 * index.Weight(term), $"name matches '{term}'");
                }
                else if (own.Comment.Contains(term))
                {
                    found.Add(1 * index.Weight(term), $"description mentions '{term}'");
                }

                // A foreign-key column names the table it references: evidence for that table, not this one.
                if (own.ColumnName.FirstOrDefault(c => c.Value.Contains(term) && !foreignKeyColumns.Contains(c.Key)).Key is { } column)
                {
                    found.Add(2 * index.Weight(term), $"column {column} matches '{term}'", column);
                }
                else if (own.ColumnComment.FirstOrDefault(c => c.Value.Contains(term)).Key is { } described)
                {
                    found.Add(1 * index.Weight(term), $"column {described} is described by '{term}'", described);
                }
            }

            foreach (var column in table.Columns.Where(c => c.SampleValues is { Count: > 0 }))
            {
                foreach (var value in column.SampleValues!)
                {
                    var valueTerms = TextTerms.SetOf(value);
                    if (valueTerms.Count > 0 && valueTerms.IsSubsetOf(questionTerms))
                    {
                        found.Add(3, $"column {column.Name} holds '{value}'", column.Name);
                    }
                }
            }

            evidence[table.Name] = found;
        }

        return evidence;
    }
}
