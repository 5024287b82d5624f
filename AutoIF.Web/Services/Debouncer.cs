namespace AutoIF.Web.Services;

/// <summary>
/// Runs an action once input has been quiet for a delay; every new call restarts the wait. Built on
/// <see cref="TimeProvider"/> so tests drive the clock instead of sleeping.
/// </summary>
public sealed class Debouncer(TimeProvider clock, TimeSpan delay) : IDisposable
{
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private Func<Task>? _pending;

    public TimeSpan Delay => delay;

    public void Schedule(Func<Task> action)
    {
        lock (_gate)
        {
            _pending = action;
            _timer ??= clock.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    public void Cancel()
    {
        lock (_gate)
        {
            _pending = null;
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        Func<Task>? action;
        lock (_gate)
        {
            action = _pending;
            _pending = null;
        }
        if (action is not null)
        {
            // The action reports its own errors; a timer callback must not throw.
            _ = action();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _pending = null;
            _timer?.Dispose();
            _timer = null;
        }
    }
}
