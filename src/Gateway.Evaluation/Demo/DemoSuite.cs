using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Evaluation.Spider.Matching;

namespace Gateway.Evaluation.Demo;

/// <summary>
/// The demo business question suite: questions an analyst would ask of the built-in demo database (customers,
/// regions, catalogue, orders, lines, payments), each with gold SQL written from the schema alone. It measures the
/// ask pipeline by execution accuracy and is never trained on. Embedded as <c>demo-suite.jsonl</c>, one object per
/// line: <c>{"id","question","sql","hardness","notes"?}</c>.
/// </summary>
public static class DemoSuite
{
    public const string ResourceName = "Gateway.Evaluation.Demo.demo-suite.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Every question, in file order. A malformed line is an <see cref="InvalidDataException"/> naming it.</summary>
    public static async Task<IReadOnlyList<DemoQuestion>> LoadAsync(CancellationToken cancellationToken = default)
    {
        var stream = typeof(DemoSuite).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {ResourceName} is missing from {typeof(DemoSuite).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return await ReadAsync(reader, ResourceName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads suite lines from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static async Task<IReadOnlyList<DemoQuestion>> ReadAsync(TextReader reader, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var questions = new List<DemoQuestion>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var question = Parse(line, source, number);
            if (!ids.Add(question.Id))
            {
                throw new InvalidDataException($"{source}:{number}: the id '{question.Id}' is used twice.");
            }

            questions.Add(question);
        }

        return questions;
    }

    private static DemoQuestion Parse(string line, string source, int number)
    {
        Row? row;
        try
        {
            row = JsonSerializer.Deserialize<Row>(line, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}:{number}: {ex.Message}", ex);
        }

        if (row is not { Id.Length: > 0, Question.Length: > 0, Sql.Length: > 0, Hardness: not null })
        {
            throw new InvalidDataException($"{source}:{number}: id, question, sql and hardness are required.");
        }

        if (!Enum.TryParse<SpiderHardness>(row.Hardness, ignoreCase: true, out var hardness) || !Enum.IsDefined(hardness))
        {
            throw new InvalidDataException($"{source}:{number}: hardness '{row.Hardness}' is not easy, medium, hard or extra.");
        }

        return new DemoQuestion(row.Id, row.Question, row.Sql, hardness, row.Notes);
    }

    private sealed record Row(string? Id, string? Question, string? Sql, string? Hardness, string? Notes);
}
