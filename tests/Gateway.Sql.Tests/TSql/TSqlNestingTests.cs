using Gateway.Sql.Validation;
using static Gateway.Sql.Tests.TSql.TSqlCheck;

namespace Gateway.Sql.Tests.TSql;

/// <summary>
/// Hostile shapes must end in a verdict, never a stack overflow (which would end the process). Each runs on a thread
/// with a 1 MB stack, smaller than a thread-pool thread's, so a pass here means headroom in the gateway.
/// </summary>
public sealed class TSqlNestingTests
{
    private const int SmallStack = 1024 * 1024;

    [Theory]
    [InlineData("(", ")", 5_000)]
    [InlineData("(SELECT a FROM t WHERE a IN ", ")", 1_000)]
    [InlineData("CASE WHEN 1 = 1 THEN ", " END", 1_000)]
    [InlineData("- ", "", 5_000)]
    [InlineData("NOT ", "", 5_000)]
    public void Deep_nesting_is_refused_before_parsing(string open, string close, int levels)
    {
        var prefix = open.StartsWith("NOT", StringComparison.Ordinal) ? "SELECT 1 WHERE " : "SELECT ";
        var tail = open.StartsWith("NOT", StringComparison.Ordinal) ? "1 = 1" : "1";
        var sql = prefix + string.Concat(Enumerable.Repeat(open, levels)) + tail + string.Concat(Enumerable.Repeat(close, levels));

        var verdict = OnSmallStack(() => Validate(sql));

        Assert.Equal(RuleIds.InputTooLarge, verdict.Rule);
        Assert.Equal(0, verdict.Position);
    }

    [Fact]
    public void Nesting_at_the_limit_is_still_judged()
    {
        var sql = "SELECT " + new string('(', 150) + "1" + new string(')', 150) + " AS a";

        var verdict = OnSmallStack(() => Validate(sql));

        Assert.True(verdict.Allowed, verdict.Message);
    }

    [Theory]
    [InlineData("SELECT a FROM t WHERE a = 1", " + 1", "")]
    [InlineData("SELECT a FROM t WHERE a = 1", " OR a = 1", "")]
    [InlineData("SELECT a FROM t WHERE a IN (1", ", 1", ")")]
    public void Long_flat_chains_are_judged_on_a_large_stack(string head, string repeated, string tail)
    {
        // A quarter of the size limit keeps the suite quick; 50,000 levels already overflow a small stack.
        var count = (SqlValidator.MaxSqlLength / 4) / repeated.Length;
        var sql = head + string.Concat(Enumerable.Repeat(repeated, count)) + tail;

        var verdict = OnSmallStack(() => Validate(sql));

        Assert.True(verdict.Allowed, verdict.Message);
        Assert.StartsWith("SELECT TOP (1000) a FROM t", verdict.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Densest_chain_parsed_inline_fits_a_small_stack()
    {
        // Two tokens per level, just under the inline limit: the deepest tree the caller's thread ever walks.
        var sql = "SELECT a FROM t WHERE a = 1" + string.Concat(Enumerable.Repeat("+1", 1_000));

        var verdict = OnSmallStack(() => Validate(sql));

        Assert.True(verdict.Allowed, verdict.Message);
    }

    private static SqlVerdict OnSmallStack(Func<SqlVerdict> work)
    {
        SqlVerdict? verdict = null;
        var thread = new Thread(() => verdict = work(), SmallStack);
        thread.Start();
        thread.Join();
        return verdict!;
    }
}
