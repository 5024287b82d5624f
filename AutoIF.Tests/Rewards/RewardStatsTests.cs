using AutoIF.Core.Rewards;

namespace AutoIF.Tests.Rewards;

public class RewardStatsTests
{
    [Fact]
    public void Percentiles_come_from_the_recorded_latencies_within_five_percent()
    {
        var stats = new RewardStats();
        Assert.Null(stats.Percentile(0.5));
        for (var i = 1; i <= 100; i++)
        {
            stats.Record(TimeSpan.FromMilliseconds(i), rollouts: 2);
        }

        Assert.Equal(100, stats.Requests);
        Assert.Equal(200, stats.Rollouts);
        Assert.InRange(stats.Percentile(0.5)!.Value.TotalMilliseconds, 50, 50 * 1.051);
        Assert.InRange(stats.Percentile(0.99)!.Value.TotalMilliseconds, 99, 99 * 1.051);
    }
}
