using Gateway.Context.Text;

namespace Gateway.Context.Tests.Text;

public sealed class TextTermsTests
{
    [Theory]
    [InlineData("categories", "category")]
    [InlineData("orders", "order")]
    [InlineData("ordered", "order")]
    [InlineData("shipped", "ship")]
    [InlineData("boxes", "box")]
    [InlineData("status", "status")]
    [InlineData("sales", "sale")]
    public void Light_stemming_folds_plurals_and_verb_endings(string word, string stem) =>
        Assert.Equal(stem, LightStemmer.Stem(word));

    [Fact]
    public void Identifiers_split_at_underscores_and_camel_case_humps()
    {
        Assert.Equal(["order", "item", "unit", "price"], TextTerms.Of("orderItems.unit_price"));
    }

    [Fact]
    public void Stop_words_and_punctuation_are_dropped()
    {
        Assert.Equal(["customer", "berlin"], TextTerms.Of("How many of the customers are in Berlin?"));
    }
}
