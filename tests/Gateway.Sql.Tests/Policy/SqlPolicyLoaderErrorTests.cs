using Gateway.Sql.Policy;

namespace Gateway.Sql.Tests.Policy;

/// <summary>Every kind of bad policy file is a <see cref="PolicyException"/> that names the file and the problem.</summary>
public sealed class SqlPolicyLoaderErrorTests
{
    [Fact]
    public async Task Missing_file_names_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-policy-{Guid.NewGuid():N}.yaml");

        var ex = await Assert.ThrowsAsync<PolicyException>(() => SqlPolicyLoader.LoadFileAsync(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_instead_of_file_is_unreadable()
    {
        var parent = Directory.CreateTempSubdirectory("gateway-policy-").FullName;
        var directory = Directory.CreateDirectory(Path.Combine(parent, "policy.yaml")).FullName;
        try
        {
            var ex = await Assert.ThrowsAsync<PolicyException>(() => SqlPolicyLoader.LoadFileAsync(directory));

            Assert.Contains(directory, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Theory]
    [InlineData("p.yaml", "max_rows: 10\ntables:\n  allow: [a\n", "line")]
    [InlineData("p.yaml", "max_rows: 10\nmax_rowz: 5\n", "max_rowz")]
    [InlineData("p.yaml", "tables:\n  allow: []\n  denny: [x]\n", "denny")]
    [InlineData("p.yaml", "max_rows: lots\n", "line 1")]
    [InlineData("p.yaml", "max_rows: -5\n", "max_rows is -5")]
    [InlineData("p.yaml", "tables: [orders]\n", "line 1")]
    [InlineData("p.yaml", "max_rows: 5\nmax_rows: 6\n", "line 2")]
    [InlineData("p.yaml", "dialects:\n  oracle:\n    functions: []\n", "dialects.oracle")]
    [InlineData("p.yaml", "dialects:\n  postgres:\n    functions:\n      - { name: f }\n", "dialects.postgres.functions[0]")]
    [InlineData("p.yaml", "tables:\n  deny: ['two words']\n", "tables.deny[0]")]
    [InlineData("p.yaml", "   \n", "empty")]
    [InlineData("p.json", "{ \"max_rows\": 10, }x", "line 1")]
    [InlineData("p.json", "{ \"max_rows\": \"ten\" }", "max_rows")]
    [InlineData("p.json", "{ \"maxRows\": 10 }", "maxRows")]
    [InlineData("p.json", "{\n  \"max_rows\": -1\n}", "max_rows is -1")]
    [InlineData("p.json", "{ \"max_rows\": 1, \"max_rows\": 2 }", "max_rows")]
    [InlineData("p.txt", "max_rows: 10\n", "extension")]
    public async Task Bad_file_names_the_file_and_the_problem(string fileName, string text, string problem)
    {
        using var file = new TempPolicyFile(fileName, text);

        var ex = await Assert.ThrowsAsync<PolicyException>(() => SqlPolicyLoader.LoadFileAsync(file.Path));

        Assert.Contains(file.Path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_problems_are_reported_together()
    {
        using var file = new TempPolicyFile("p.yaml", "max_rows: -1\ntables:\n  deny: ['']\n");

        var ex = await Assert.ThrowsAsync<PolicyException>(() => SqlPolicyLoader.LoadFileAsync(file.Path));

        Assert.Contains("max_rows", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tables.deny[0]", ex.Message, StringComparison.Ordinal);
    }
}
