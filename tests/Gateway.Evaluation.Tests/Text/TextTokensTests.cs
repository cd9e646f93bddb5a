using Gateway.Evaluation.Text;

namespace Gateway.Evaluation.Tests.Text;

public sealed class TextTokensTests
{
    [Fact]
    public void Splits_on_whitespace_and_punctuation_and_lower_cases()
    {
        Assert.Equal(["select", "count", "(", "*", ")", "from", "t_1", ",", "x"], TextTokens.Tokenize("SELECT count(*)  FROM T_1,x"));
    }

    [Fact]
    public void Empty_text_has_no_tokens()
    {
        Assert.Empty(TextTokens.Tokenize("   "));
    }
}
