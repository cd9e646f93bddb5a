using Gateway.Evaluation.Text;

namespace Gateway.Model.Training;

/// <summary>The string form exact match compares: the text metrics' tokens (lower-cased) joined by spaces, without a trailing semicolon.</summary>
public static class SqlText
{
    public static string Normalize(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return string.Join(' ', TextTokens.Tokenize(sql.Trim().TrimEnd(';')));
    }
}
