namespace AutoIF.Web.Services;

/// <summary>
/// The one way a live page refreshes itself: calls <c>tick</c> every period on a <see cref="TimeProvider"/> timer (so
/// tests drive it with their own clock), skipping a tick while the previous one still runs (a slow database must not
/// pile up refreshes), and never again once disposed. Start it when the page is interactive (the prerendered page is
/// static) and dispose it with the page. <c>tick</c> handles its own errors: a page shows them, a timer cannot.
/// </summary>
public sealed class PollingTimer : IDisposable
{
    private readonly Func<Task> _tick;
    private readonly ITimer _timer;
    private int _running;
    private volatile bool _disposed;

    public PollingTimer(TimeProvider clock, TimeSpan period, Func<Task> tick)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(tick);
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A polling period must be positive.");
        }
        _tick = tick;
        _timer = clock.CreateTimer(_ => _ = TickAsync(), null, period, period);
    }

    private async Task TickAsync()
    {
        // A timer callback already on its way when the page closed must not touch the page's state.
        if (_disposed || Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }
        try
        {
            // Not back onto the caller's context: the flag is free the moment the refresh ends, whoever awaits it.
            await _tick().ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
