using System.Threading.RateLimiting;

namespace AutoIF.Core.Llm;

/// <summary>
/// Backpressure for one role: at most <see cref="MaxConcurrency"/> calls in flight (a call holds its slot through
/// its retries, so the endpoint never sees more) and at most the configured requests per minute started.
/// </summary>
public sealed class LlmRoleThrottle : IDisposable
{
    private readonly PrioritySlots _slots;
    private readonly TokenBucketRateLimiter? _rate;

    public LlmRoleThrottle(int maxConcurrency, int requestsPerMinute)
    {
        MaxConcurrency = maxConcurrency;
        RequestsPerMinute = requestsPerMinute;
        _slots = new PrioritySlots(maxConcurrency);
        if (requestsPerMinute > 0)
        {
            // One token every 60/RPM seconds and a burst of at most one second's worth: any minute sees ≈ RPM starts.
            _rate = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, requestsPerMinute / 60),
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(60_000.0 / requestsPerMinute),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            });
        }
    }

    public int MaxConcurrency { get; }

    public int RequestsPerMinute { get; }

    /// <summary>Calls currently holding a slot.</summary>
    public int InFlight => MaxConcurrency - _slots.Free;

    /// <summary>Calls waiting for a slot.</summary>
    public int Waiting => _slots.Waiting;

    /// <summary>
    /// Waits for a slot, the call of the highest <paramref name="priority"/> first, and a rate token; dispose the lease
    /// when the call (with its retries) is over.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(int priority, CancellationToken cancellationToken)
    {
        await _slots.TakeAsync(priority, cancellationToken);
        try
        {
            if (_rate is not null)
            {
                using var lease = await _rate.AcquireAsync(1, cancellationToken);
                if (!lease.IsAcquired)
                {
                    throw new InvalidOperationException("The request rate limiter refused a permit.");
                }
            }
            return new Slot(_slots);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>A slot and a rate token if both are free now, without waiting; null otherwise.</summary>
    public IDisposable? TryAcquire()
    {
        if (!_slots.TryTake())
        {
            return null;
        }
        if (_rate is not null)
        {
            using var lease = _rate.AttemptAcquire(1);
            if (!lease.IsAcquired)
            {
                _slots.Release();
                return null;
            }
        }
        return new Slot(_slots);
    }

    public void Dispose()
    {
        _rate?.Dispose();
    }

    private sealed class Slot(PrioritySlots slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
