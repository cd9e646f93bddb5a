using Gateway.Context.Retrieval;

namespace Gateway.Context.Tests.Retrieval;

public sealed class RankFusionTests
{
    [Fact]
    public void Fused_score_is_the_sum_of_reciprocal_ranks()
    {
        var fused = RankFusion.Fuse([["a", "b"], ["b"]], k: 60).ToDictionary(f => f.Item, f => f.Score);

        Assert.Equal(1.0 / 61, fused["a"], precision: 12);
        Assert.Equal((1.0 / 62) + (1.0 / 61), fused["b"], precision: 12);
    }

    [Fact]
    public void An_item_high_in_both_rankings_beats_one_first_in_only_one()
    {
        var fused = RankFusion.Fuse([["lexical-only", "both"], ["vector-only", "both"]]);

        Assert.Equal("both", fused[0].Item);
    }

    [Fact]
    public void Ties_go_to_the_item_seen_first()
    {
        var fused = RankFusion.Fuse([["x"], ["y"]]);

        Assert.Equal(["x", "y"], fused.Select(f => f.Item));
    }

    [Fact]
    public void Items_of_every_ranking_are_kept()
    {
        var fused = RankFusion.Fuse([["a"], [], ["b", "c"]]);

        Assert.Equal(3, fused.Count);
    }
}
