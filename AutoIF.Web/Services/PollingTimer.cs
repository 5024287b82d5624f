namespace AutoIF.Web.Services;

/// <summary>
/// The one way a live page refreshes itself: calls <c>tick</c> every period on a <see cref="TimeProvider"/> timer (so
/// tests drive it with their own clock), skipping a tick while the previous refresh has not finished (a slow database
/// must not pile up refreshes), and never again once disposed. Start it when the page is interactive (the prerendered
/// page is static) and dispose it with the page. <c>tick</c> handles its own errors: a page shows them, a timer cannot.
/// </summary>
public sealed class PollingTimer : IDisposable
{
    private readonly Func<Task> _tick;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private Task _refresh = Task.CompletedTask;
    private bool _disposed;

    public PollingTimer(TimeProvider clock, TimeSpan period, Func<Task> tick)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(tick);
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A polling period must be positive.");
        }
        _tick = tick;
        _timer = clock.CreateTimer(_ => Tick(), null, period, period);
    }

    private void Tick()
    {
        lock (_gate)
        {
            // The refresh's own task says whether it is still running: no flag to reset after it, so nothing can be
            // left set by a continuation that has not run yet. A callback on its way when the page closed does nothing.
            if (_disposed || !_refresh.IsCompleted)
            {
                return;
            }
            try
            {
                _refresh = _tick();
            }
            catch (Exception ex)
            {
                // On a timer thread an exception would end the process; kept on the task as an awaited tick's would be.
                _refresh = Task.FromException(ex);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
        _timer.Dispose();
    }
}
