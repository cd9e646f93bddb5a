using Gateway.Evaluation.Spider.Execution;
using Gateway.Evaluation.Spider.Sql;

namespace Gateway.Evaluation.Tests.Spider.Execution;

public sealed class ResultComparerTests
{
    private static List<ValueList<CellValue>> Rows(params object?[][] rows) =>
        rows.Select(r => new ValueList<CellValue>(r.Select(CellValue.From))).ToList();

    [Fact]
    public void Rows_in_another_order_match_when_the_gold_is_unordered()
    {
        Assert.True(ResultComparer.Same(Rows(["b", 2L], ["a", 1L]), Rows(["a", 1L], ["b", 2L]), ordered: false));
    }

    [Fact]
    public void Rows_in_another_order_do_not_match_when_the_gold_is_ordered()
    {
        Assert.False(ResultComparer.Same(Rows(["b", 2L], ["a", 1L]), Rows(["a", 1L], ["b", 2L]), ordered: true));
    }

    [Fact]
    public void Duplicates_count_as_a_multiset()
    {
        Assert.False(ResultComparer.Same(Rows(["a"], ["a"], ["b"]), Rows(["a"], ["b"], ["b"]), ordered: false));
    }

    [Fact]
    public void Missing_or_extra_rows_do_not_match()
    {
        Assert.False(ResultComparer.Same(Rows(["a"]), Rows(["a"], ["b"]), ordered: false));
    }

    [Fact]
    public void Columns_in_another_order_do_not_match()
    {
        Assert.False(ResultComparer.Same(Rows(["a", 1L]), Rows([1L, "a"]), ordered: false));
    }

    [Fact]
    public void An_integer_and_an_equal_real_match()
    {
        Assert.True(ResultComparer.Same(Rows([3L, null]), Rows([3.0, DBNull.Value]), ordered: true));
    }

    [Fact]
    public void Different_reals_and_text_that_looks_numeric_do_not_match()
    {
        Assert.False(ResultComparer.Same(Rows([2.5]), Rows([2.4]), ordered: true));
        Assert.False(ResultComparer.Same(Rows(["1"]), Rows([1L]), ordered: true));
    }

    [Fact]
    public void Text_is_compared_as_is()
    {
        Assert.False(ResultComparer.Same(Rows(["France"]), Rows(["france"]), ordered: true));
    }
}
