using AutoIF.Core.Export;

namespace AutoIF.Tests.Export;

public class SplitAssignerTests
{
    private static readonly string[] Keys = Enumerable.Range(0, 10_000).Select(i => $"Prompt number {i}.").ToArray();

    [Fact]
    public void Same_seed_and_key_give_the_same_split_in_any_order()
    {
        var a = new SplitAssigner(0.1, 7);
        var b = new SplitAssigner(0.1, 7);
        var forward = Keys.Select(a.Assign).ToList();
        var backward = Keys.Reverse().Select(b.Assign).Reverse().ToList();
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void The_validation_share_is_close_to_the_requested_one()
    {
        var splitter = new SplitAssigner(0.1, 42);
        var share = Keys.Count(k => splitter.Assign(k) == DatasetSplit.Validation) / (double)Keys.Length;
        Assert.InRange(share, 0.085, 0.115);
    }

    [Fact]
    public void A_different_seed_gives_a_different_split()
    {
        var a = Keys.Select(new SplitAssigner(0.2, 1).Assign).ToList();
        var b = Keys.Select(new SplitAssigner(0.2, 2).Assign).ToList();
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Zero_share_puts_everything_in_train_and_bad_shares_are_refused()
    {
        Assert.All(Keys.Take(100), k => Assert.Equal(DatasetSplit.Train, new SplitAssigner(0, 1).Assign(k)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitAssigner(1.5, 1));
    }
}
