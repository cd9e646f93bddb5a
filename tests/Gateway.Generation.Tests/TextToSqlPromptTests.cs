using Gateway.Generation.Prompting;
using Gateway.Sql.Dialects;

namespace Gateway.Generation.Tests;

public sealed class TextToSqlPromptTests
{
    private static GenerationRequest Request() => new()
    {
        Question = "How many customers are there?",
        Dialect = SqlDialectKind.Postgres,
        SchemaDdl = "CREATE TABLE customers (id integer);",
    };

    [Fact]
    public void The_shipped_template_fills_its_three_sections_with_the_tables_the_dialect_and_the_question()
    {
        var prompt = TextToSqlPrompt.Default.Compose(Request());

        Assert.Contains("===Tables\nCREATE TABLE customers (id integer);", prompt, StringComparison.Ordinal);
        Assert.Contains("===Response Guidelines", prompt, StringComparison.Ordinal);
        Assert.Contains("intermediate_sql", prompt, StringComparison.Ordinal);
        Assert.Contains("===Question\nHow many customers are there?", prompt, StringComparison.Ordinal);
        Assert.Contains("valid PostgreSQL query", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_template_is_the_file_under_models()
    {
        var file = Path.Combine(RepositoryRoot(), "models", "prompts", "text-to-sql.txt");

        Assert.Equal(File.ReadAllText(file), TextToSqlPrompt.Default.Template.Text);
    }

    [Fact]
    public void Documents_examples_and_findings_follow_the_ddl_in_the_tables_section()
    {
        var prompt = TextToSqlPrompt.Default.Compose(Request() with
        {
            Documents = ["Active customers have is_active = 1."],
            Examples = [new QuestionSqlPair("How many regions?", "SELECT COUNT(*) FROM regions")],
            Findings = [new IntermediateFinding("SELECT DISTINCT segment FROM customers", ["Consumer", "Corporate"])],
        });

        var tables = prompt[prompt.IndexOf("===Tables", StringComparison.Ordinal)..prompt.IndexOf("===Response Guidelines", StringComparison.Ordinal)];
        Assert.Contains("Active customers have is_active = 1.", tables, StringComparison.Ordinal);
        Assert.Contains("SQL: SELECT COUNT(*) FROM regions", tables, StringComparison.Ordinal);
        Assert.Contains("returned: 'Consumer', 'Corporate'", tables, StringComparison.Ordinal);
    }

    [Fact]
    public void Conversation_history_and_a_failed_attempt_go_with_the_question()
    {
        var prompt = TextToSqlPrompt.Default.Compose(Request() with
        {
            Question = "and by region?",
            History = [new QuestionSqlPair("How many customers are there?", "SELECT COUNT(*) FROM customers")],
            PreviousAttempt = new FailedAttempt("SELECT region FROM customers", "no such column: region"),
        });

        var question = prompt[prompt.IndexOf("===Question", StringComparison.Ordinal)..];
        Assert.Contains("Question: How many customers are there?\nSQL: SELECT COUNT(*) FROM customers", question, StringComparison.Ordinal);
        Assert.Contains("and by region?", question, StringComparison.Ordinal);
        Assert.Contains("no such column: region", question, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_file_without_a_placeholder_is_refused_when_loaded()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "Tables: {ddl}\nQuestion: {question}");
        try
        {
            var error = await Assert.ThrowsAsync<Gateway.Model.Prompting.PromptTemplateException>(() => TextToSqlPrompt.LoadAsync(path));
            Assert.Contains("{dialect}", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Gateway.sln not found above the test's folder.");
    }
}
