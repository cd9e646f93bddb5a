using System.Text;

namespace Gateway.Model.Prompting;

/// <summary>
/// A text-to-SQL prompt users can edit: plain text with the placeholders <c>{dialect}</c>, <c>{ddl}</c> and
/// <c>{question}</c>. Each must appear at least once, so a template that silently drops the schema or the question
/// is refused when it is read rather than producing useless prompts.
/// </summary>
public sealed class PromptTemplate
{
    public const string Dialect = "dialect";
    public const string Ddl = "ddl";
    public const string Question = "question";

    private static readonly string[] Required = [Dialect, Ddl, Question];

    private PromptTemplate(string text) => Text = text;

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="PromptTemplateException"/> naming every missing placeholder.</summary>
    public static PromptTemplate Parse(string text, string source = "prompt template")
    {
        ArgumentNullException.ThrowIfNull(text);
        var missing = Required.Where(name => !text.Contains("{" + name + "}", StringComparison.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new PromptTemplateException(
                $"{source}: missing placeholder{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => "{" + m + "}"))}");
        }

        return new PromptTemplate(text);
    }

    public static async Task<PromptTemplate> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new PromptTemplateException($"prompt template not found: {path}");
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text, path);
    }

    public static PromptTemplate Load(string path) =>
        File.Exists(path) ? Parse(File.ReadAllText(path), path) : throw new PromptTemplateException($"prompt template not found: {path}");

    /// <summary>
    /// The prompt for one question. Values are inserted in a single left-to-right pass, so a question that itself
    /// contains "{ddl}" is never expanded a second time.
    /// </summary>
    public string Fill(string dialect, string ddl, string question)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(ddl);
        ArgumentNullException.ThrowIfNull(question);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Dialect] = dialect,
            [Ddl] = ddl,
            [Question] = question,
        };
        var result = new StringBuilder(Text.Length + ddl.Length + question.Length);
        var i = 0;
        while (i < Text.Length)
        {
            var open = Text.IndexOf('{', i);
            if (open < 0)
            {
                break;
            }

            var close = Text.IndexOf('}', open + 1);
            if (close > open && values.TryGetValue(Text[(open + 1)..close], out var value))
            {
                result.Append(Text, i, open - i).Append(value);
                i = close + 1;
            }
            else
            {
                // Braces that are not a placeholder (JSON examples in a guideline, say) stay as written.
                result.Append(Text, i, open - i + 1);
                i = open + 1;
            }
        }

        return result.Append(Text, i, Text.Length - i).ToString();
    }
}
