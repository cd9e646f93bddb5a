using System.Text;
using Gateway.Model.Prompting;
using Gateway.Sql.Dialects;

namespace Gateway.Generation.Prompting;

/// <summary>
/// The text-to-SQL prompt of one request, from the editable template (<c>models/prompts/text-to-sql.txt</c>, three
/// sections: tables, response guidelines, question). The template has three slots, so the rest of the context goes
/// with them: documentation, known pairs and intermediate findings follow the DDL under the tables section; the
/// conversation so far and a failed attempt to repair go with the question.
/// </summary>
public sealed class TextToSqlPrompt
{
    public const string ResourceName = "Gateway.Generation.Prompts.text-to-sql.txt";

    public TextToSqlPrompt(PromptTemplate template)
    {
        Template = template ?? throw new ArgumentNullException(nameof(template));
    }

    public PromptTemplate Template { get; }

    /// <summary>The template shipped in <c>models/prompts/text-to-sql.txt</c>, carried inside this assembly.</summary>
    public static TextToSqlPrompt Default { get; } = new(LoadShipped());

    /// <summary>The template at <paramref name="path"/>, or the shipped one when null.</summary>
    public static async Task<TextToSqlPrompt> LoadAsync(string? path, CancellationToken cancellationToken = default) =>
        path is null ? Default : new TextToSqlPrompt(await PromptTemplate.LoadAsync(path, cancellationToken).ConfigureAwait(false));

    public string Compose(GenerationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Template.Fill(DialectName(request.Dialect), Tables(request), Question(request));
    }

    /// <summary>How the prompt names a dialect (the models were trained on these names).</summary>
    public static string DialectName(SqlDialectKind dialect) => dialect switch
    {
        SqlDialectKind.Postgres => "PostgreSQL",
        SqlDialectKind.MySql => "MySQL",
        SqlDialectKind.SqlServer => "T-SQL",
        SqlDialectKind.Sqlite => "SQLite",
        _ => throw new ArgumentOutOfRangeException(nameof(dialect)),
    };

    private static string Tables(GenerationRequest request)
    {
        var text = new StringBuilder(request.SchemaDdl.TrimEnd());
        if (request.Documents.Count > 0)
        {
            text.Append("\n\n===Additional Context\n");
            foreach (var document in request.Documents)
            {
                text.Append(document.Trim()).Append("\n\n");
            }
        }

        if (request.Examples.Count > 0)
        {
            text.Append(request.Documents.Count > 0 ? "" : "\n\n").Append("===Questions answered before\n");
            foreach (var example in request.Examples)
            {
                text.Append("Question: ").Append(example.Question.Trim()).Append('\n')
                    .Append("SQL: ").Append(example.Sql.Trim()).Append("\n\n");
            }
        }

        if (request.Findings.Count > 0)
        {
            text.Append(request.Documents.Count + request.Examples.Count > 0 ? "" : "\n\n").Append("===Values found by intermediate queries\n");
            foreach (var finding in request.Findings)
            {
                text.Append(finding.Sql.Trim()).Append('\n')
                    .Append("returned: ").AppendJoin(", ", finding.Values.Select(v => $"'{v}'")).Append("\n\n");
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string Question(GenerationRequest request)
    {
        if (request.History.Count == 0 && request.PreviousAttempt is null)
        {
            return request.Question.Trim();
        }

        var text = new StringBuilder();
        if (request.History.Count > 0)
        {
            text.Append("Earlier in this conversation:\n");
            foreach (var turn in request.History)
            {
                text.Append("Question: ").Append(turn.Question.Trim()).Append('\n')
                    .Append("SQL: ").Append(turn.Sql.Trim()).Append('\n');
            }

            text.Append("The new question may refine the last one; keep what it does not change.\n\n");
        }

        text.Append(request.Question.Trim());
        if (request.PreviousAttempt is { } failed)
        {
            text.Append("\n\nThis query was tried and did not work:\n").Append(failed.Sql.Trim())
                .Append("\nError: ").Append(failed.Error.Trim())
                .Append("\nWrite a corrected read-only query.");
        }

        return text.ToString();
    }

    private static PromptTemplate LoadShipped()
    {
        using var stream = typeof(TextToSqlPrompt).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The shipped prompt template {ResourceName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return PromptTemplate.Parse(reader.ReadToEnd(), "models/prompts/text-to-sql.txt");
    }
}
