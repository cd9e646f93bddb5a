namespace Gateway.Generation.Tests;

public sealed class SqlReplyParserTests
{
    [Fact]
    public void Sql_in_a_sql_fence_is_an_answer_without_the_prose_around_it()
    {
        var candidate = SqlReplyParser.Parse("Here you go:\n```sql\nSELECT name FROM regions;\n```\nThis lists the regions.", "m");

        Assert.Equal(CandidateKind.Sql, candidate.Kind);
        Assert.Equal("SELECT name FROM regions;", candidate.Sql);
    }

    [Fact]
    public void Bare_sql_is_an_answer()
    {
        var candidate = SqlReplyParser.Parse("  WITH t AS (SELECT 1 AS x) SELECT x FROM t\n", "m");

        Assert.Equal(CandidateKind.Sql, candidate.Kind);
        Assert.Equal("WITH t AS (SELECT 1 AS x) SELECT x FROM t", candidate.Sql);
    }

    [Fact]
    public void Bare_sql_stops_at_the_next_section_marker()
    {
        var candidate = SqlReplyParser.Parse("SELECT 1\n===Question\nwhat else", "m");

        Assert.Equal("SELECT 1", candidate.Sql);
    }

    [Fact]
    public void A_leading_intermediate_sql_comment_marks_an_intermediate_query()
    {
        var candidate = SqlReplyParser.Parse("```sql\n-- intermediate_sql\nSELECT DISTINCT segment FROM customers\n```", "m");

        Assert.Equal(CandidateKind.IntermediateSql, candidate.Kind);
        Assert.Contains("SELECT DISTINCT segment FROM customers", candidate.Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Prose_is_a_refusal_whose_reason_is_the_text()
    {
        var candidate = SqlReplyParser.Parse("The tables hold no information about weather, so this cannot be answered.", "m");

        Assert.Equal(CandidateKind.Refusal, candidate.Kind);
        Assert.Null(candidate.Sql);
        Assert.Equal("The tables hold no information about weather, so this cannot be answered.", candidate.Reason);
    }

    [Fact]
    public void A_fence_of_another_language_is_not_sql()
    {
        var candidate = SqlReplyParser.Parse("```python\nprint('hi')\n```", "m");

        Assert.Equal(CandidateKind.Refusal, candidate.Kind);
    }

    [Fact]
    public void A_write_statement_is_still_sql_so_the_validator_can_reject_it_with_a_reason()
    {
        var candidate = SqlReplyParser.Parse("DELETE FROM customers", "m");

        Assert.Equal(CandidateKind.Sql, candidate.Kind);
    }

    [Fact]
    public void The_candidate_carries_the_model_id_and_the_raw_reply()
    {
        var candidate = SqlReplyParser.Parse("SELECT 1", "openai:x");

        Assert.Equal("openai:x", candidate.ModelId);
        Assert.Equal("SELECT 1", candidate.Reply);
    }
}
