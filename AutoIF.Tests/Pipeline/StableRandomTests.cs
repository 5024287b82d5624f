using AutoIF.Core.Pipeline;

namespace AutoIF.Tests.Pipeline;

public class StableRandomTests
{
    [Fact]
    public void A_sample_has_distinct_items_and_is_the_same_for_the_same_seed()
    {
        var pool = Enumerable.Range(0, 100_000).ToList();

        var first = StableRandom.Sample(pool, 16, StableRandom.For(42, 7));
        var again = StableRandom.Sample(pool, 16, StableRandom.For(42, 7));
        var other = StableRandom.Sample(pool, 16, StableRandom.For(42, 8));

        Assert.Equal(16, first.Distinct().Count());
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Asking_for_the_whole_pool_or_more_gives_a_permutation_of_it()
    {
        var pool = Enumerable.Range(0, 50).ToList();

        var all = StableRandom.Sample(pool, 80, StableRandom.For(1, 1));

        Assert.Equal(pool, all.Order());
        Assert.NotEqual(pool, all);
    }
}
