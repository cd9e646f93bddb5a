using Gateway.Generation.OpenAi;

namespace Gateway.Generation.Tests;

public sealed class SqlGeneratorCatalogTests
{
    private static OpenAiCompatibleGenerator Generator(string model) =>
        new OpenAiCompatibleGenerator(new OpenAiGeneratorOptions { BaseUrl = new Uri("http://127.0.0.1:9/v1"), Model = model });

    [Fact]
    public void An_empty_catalog_resolves_no_generator()
    {
        Assert.Null(SqlGeneratorCatalog.Empty.Resolve(null));
    }

    [Fact]
    public void A_single_generator_is_the_default()
    {
        var catalog = new SqlGeneratorCatalog(new Dictionary<string, ISqlGenerator> { ["gpt"] = Generator("a") });

        Assert.Equal("openai:a", catalog.Resolve(null)!.ModelId);
    }

    [Fact]
    public void A_generator_is_found_by_name_regardless_of_case()
    {
        var catalog = new SqlGeneratorCatalog(new Dictionary<string, ISqlGenerator> { ["gpt"] = Generator("a"), ["other"] = Generator("b") }, "gpt");

        Assert.Equal("openai:b", catalog.Resolve("OTHER")!.ModelId);
    }

    [Fact]
    public void An_unknown_name_is_an_error_listing_the_configured_ones()
    {
        var catalog = new SqlGeneratorCatalog(new Dictionary<string, ISqlGenerator> { ["gpt"] = Generator("a") });

        var error = Assert.Throws<UnknownGeneratorException>(() => catalog.Resolve("nope"));

        Assert.Contains("gpt", error.Message, StringComparison.Ordinal);
    }
}
