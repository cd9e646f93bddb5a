using System.Globalization;

namespace Gateway.Model.TextToSql;

/// <summary>One question word and where it sits in the question, so a span can be cut out with its original spacing.</summary>
public readonly record struct QuestionWord(string Text, int Start, int Length)
{
    public int End => Start + Length;

    public bool IsWord => Text.Length > 0 && char.IsLetterOrDigit(Text[0]);

    public bool IsNumber => QuestionWords.IsNumber(Text);
}

/// <summary>
/// Splits a question into words keeping their case: letters and digits run together (with an inner <c>. ' - / : _ &amp;</c>
/// between two of them, so "St.Louis", "O'Brien" and "2010-05-01" stay whole, but not "1990-1995"); a possessive
/// <c>'s</c> and every other mark become words of their own.
/// </summary>
public static class QuestionWords
{
    private const string Joiners = ".'-/:_&";

    public static IReadOnlyList<QuestionWord> Split(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var words = new List<QuestionWord>();
        var i = 0;
        while (i < question.Length)
        {
            var c = question[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (!char.IsLetterOrDigit(c))
            {
                words.Add(new QuestionWord(question[i..(i + 1)], i, 1));
                i++;
                continue;
            }

            var start = i;
            while (i < question.Length)
            {
                if (char.IsLetterOrDigit(question[i]))
                {
                    i++;
                    continue;
                }

                var joins = Joiners.Contains(question[i], StringComparison.Ordinal) && i + 1 < question.Length && char.IsLetterOrDigit(question[i + 1])
                    && !(question[i] == '-' && char.IsDigit(question[i - 1]) && char.IsDigit(question[i + 1]) && !LooksLikeDate(question, start))
                    && !(question[i] == '\'' && IsPossessive(question, i));
                if (!joins)
                {
                    break;
                }

                i++;
            }

            words.Add(new QuestionWord(question[start..i], start, i - start));
        }

        return words;
    }

    public static bool IsNumber(string text) =>
        text.Length > 0 && (char.IsDigit(text[0]) || (text[0] is '-' or '.' && text.Length > 1))
        && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    // "'s" followed by a non-letter ends the word before the apostrophe.
    private static bool IsPossessive(string text, int apostrophe) =>
        apostrophe + 1 < text.Length && text[apostrophe + 1] is 's' or 'S'
        && (apostrophe + 2 >= text.Length || !char.IsLetterOrDigit(text[apostrophe + 2]));

    // 2010-05-01: four digits then a dash keep a date whole; 1990-1995 is a range of two numbers.
    private static bool LooksLikeDate(string text, int start)
    {
        var digits = 0;
        while (start + digits < text.Length && char.IsDigit(text[start + digits]))
        {
            digits++;
        }

        return digits == 4 && start + 7 < text.Length && char.IsDigit(text[start + 5]) && char.IsDigit(text[start + 6])
            && (start + 7 >= text.Length || text[start + 7] == '-');
    }
}
