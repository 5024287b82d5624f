namespace AutoIF.Web.Services;

/// <summary>
/// Calls <c>tick</c> every period on a <see cref="TimeProvider"/> timer, skipping a tick while the previous one still
/// runs (a slow database must not pile up refreshes). Dispose it with its component.
/// </summary>
public sealed class PollingTimer : IDisposable
{
    private readonly Func<Task> _tick;
    private readonly ITimer _timer;
    private int _running;

    public PollingTimer(TimeProvider clock, TimeSpan period, Func<Task> tick)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _tick = tick;
        _timer = clock.CreateTimer(_ => _ = TickAsync(), null, period, period);
    }

    private async Task TickAsync()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }
        try
        {
            await _tick();
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose() => _timer.Dispose();
}
