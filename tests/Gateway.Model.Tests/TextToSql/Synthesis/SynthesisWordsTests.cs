using Gateway.Model.TextToSql.Synthesis;

namespace Gateway.Model.Tests.TextToSql.Synthesis;

public sealed class SynthesisWordsTests
{
    [Theory]
    [InlineData("order_lines", "order lines")]
    [InlineData("OrderLines", "order lines")]
    [InlineData("customerId", "customer id")]
    [InlineData("HTTPServer", "http server")]
    [InlineData("name", "name")]
    public void Names_split_into_lower_case_words(string name, string words) => Assert.Equal(words, SynthesisWords.Natural(name));

    [Theory]
    [InlineData("customer", "customers")]
    [InlineData("category", "categories")]
    [InlineData("order line", "order lines")]
    [InlineData("address", "addresses")]
    [InlineData("day", "days")]
    [InlineData("orders", "orders")]
    [InlineData("salesperson", "salespeople")]
    public void Plurals_change_the_last_word(string singular, string plural) => Assert.Equal(plural, SynthesisWords.Plural(singular));

    [Theory]
    [InlineData("customers", "customer")]
    [InlineData("categories", "category")]
    [InlineData("order items", "order item")]
    [InlineData("addresses", "address")]
    [InlineData("status", "status")]
    [InlineData("region", "region")]
    public void Singulars_change_the_last_word(string plural, string singular) => Assert.Equal(singular, SynthesisWords.Singular(plural));
}
