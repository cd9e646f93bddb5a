using System.Text;

namespace Gateway.Context.Retrieval;

/// <summary>The form two questions are compared in for an exact repeat: case, spacing and end punctuation aside.</summary>
public static class QuestionText
{
    public static string Normalize(string? question)
    {
        if (string.IsNullOrWhiteSpace(question))
        {
            return string.Empty;
        }

        var text = new StringBuilder(question.Length);
        foreach (var word in question.Trim().TrimEnd('?', '.', '!', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(word.ToLowerInvariant());
        }

        return text.ToString();
    }

    public static bool SameQuestion(string? a, string? b)
    {
        var left = Normalize(a);
        return left.Length > 0 && string.Equals(left, Normalize(b), StringComparison.Ordinal);
    }
}
