using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Services;

namespace AutoIF.Tests.Web.Services;

public class PollingTimerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    [Fact]
    public void A_page_refreshes_once_a_period_on_the_clock_it_is_given()
    {
        var clock = new ManualTimeProvider();
        var ticks = 0;
        using var poller = new PollingTimer(clock, Period, () =>
        {
            ticks++;
            return Task.CompletedTask;
        });

        clock.Advance(Period - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, ticks);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, ticks);
        clock.Advance(Period * 3);
        Assert.Equal(4, ticks);
    }

    [Fact]
    public void A_refresh_still_loading_makes_the_next_ones_skip_instead_of_piling_up()
    {
        var clock = new ManualTimeProvider();
        var started = 0;
        var slowDatabase = new TaskCompletionSource();
        using var poller = new PollingTimer(clock, Period, () =>
        {
            started++;
            return slowDatabase.Task;
        });

        clock.Advance(Period);
        clock.Advance(Period);
        clock.Advance(Period);
        Assert.Equal(1, started);

        slowDatabase.SetResult();
        clock.Advance(Period);
        Assert.Equal(2, started);
    }

    [Fact]
    public void A_closed_page_is_not_refreshed_again()
    {
        var clock = new ManualTimeProvider();
        var ticks = 0;
        var poller = new PollingTimer(clock, Period, () =>
        {
            ticks++;
            return Task.CompletedTask;
        });
        clock.Advance(Period);

        poller.Dispose();
        clock.Advance(Period * 5);

        Assert.Equal(1, ticks);
    }

    [Fact]
    public void A_period_that_is_not_positive_is_refused_with_its_value()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new PollingTimer(new ManualTimeProvider(), TimeSpan.Zero, () => Task.CompletedTask));

        Assert.Equal("period", refused.ParamName);
        Assert.Contains("A polling period must be positive", refused.Message, StringComparison.Ordinal);
    }
}
