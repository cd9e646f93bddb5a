using Gateway.Model.Prompting;

namespace Gateway.Model.Tests.Prompting;

public sealed class PromptTemplateTests
{
    [Fact]
    public void Fill_replaces_every_placeholder()
    {
        var template = PromptTemplate.Parse("{dialect} tables:\n{ddl}\nQ: {question} ({dialect})");

        var prompt = template.Fill("SQLite", "CREATE TABLE t (a TEXT);", "how many?");

        Assert.Equal("SQLite tables:\nCREATE TABLE t (a TEXT);\nQ: how many? (SQLite)", prompt);
    }

    [Fact]
    public void Fill_does_not_expand_placeholders_inside_values()
    {
        var template = PromptTemplate.Parse("{dialect}|{ddl}|{question}");

        Assert.Equal("x|{question}|q", template.Fill("x", "{question}", "q"));
    }

    [Fact]
    public void Braces_that_are_not_placeholders_stay()
    {
        var template = PromptTemplate.Parse("{\"a\": 1} {dialect} {ddl} {question} {other}");

        Assert.Equal("{\"a\": 1} d s q {other}", template.Fill("d", "s", "q"));
    }

    [Fact]
    public void Missing_placeholders_are_named_in_the_error()
    {
        var error = Assert.Throws<PromptTemplateException>(() => PromptTemplate.Parse("only {ddl} here"));

        Assert.Contains("{dialect}", error.Message, StringComparison.Ordinal);
        Assert.Contains("{question}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("{ddl}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_an_error()
    {
        Assert.Throws<PromptTemplateException>(() => PromptTemplate.Load("/nonexistent/prompt.txt"));
    }

    [Fact]
    public void Shipped_template_has_the_three_sections()
    {
        var template = PromptTemplate.Load(ShippedTemplatePath());

        var prompt = template.Fill("SQLite", "CREATE TABLE singer (id NUMERIC);", "How many singers are there?");

        Assert.Contains("CREATE TABLE singer", prompt, StringComparison.Ordinal);
        Assert.Contains("intermediate_sql", prompt, StringComparison.Ordinal);
        Assert.Contains("How many singers are there?", prompt, StringComparison.Ordinal);
        Assert.True(prompt.IndexOf("CREATE TABLE", StringComparison.Ordinal) < prompt.IndexOf("How many", StringComparison.Ordinal));
    }

    internal static string ShippedTemplatePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "models", "prompts", "text-to-sql.txt");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("models/prompts/text-to-sql.txt not found above the test folder");
    }
}
