namespace AutoIF.Core.Llm;

/// <summary>
/// A counting semaphore that hands a freed slot to the waiting call of the highest priority, the earliest among equals
/// (a <see cref="SemaphoreSlim"/> wakes its waiters in arrival order only). The gateway ranks a run's call by its stage,
/// the later stage first (decision 053).
/// </summary>
public sealed class PrioritySlots(int count)
{
    private readonly Lock _lock = new();
    // Highest priority first, then arrival; a cancelled waiter stays queued until its turn and is skipped then.
    private readonly PriorityQueue<TaskCompletionSource, (int Rank, long Arrival)> _waiting = new();
    private int _free = count;
    private long _arrivals;

    public int Count { get; } = count;

    /// <summary>Slots nobody holds.</summary>
    public int Free
    {
        get
        {
            lock (_lock)
            {
                return _free;
            }
        }
    }

    /// <summary>Calls waiting for a slot, cancelled ones not yet skipped included.</summary>
    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    public bool TryTake()
    {
        lock (_lock)
        {
            if (_free == 0)
            {
                return false;
            }
            _free--;
            return true;
        }
    }

    /// <summary>Completes once this caller holds a slot; give it back with <see cref="Release"/>.</summary>
    public Task TakeAsync(int priority, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (_free > 0)
            {
                _free--;
                return Task.CompletedTask;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter, (-priority, _arrivals++));
        }
        return cancellationToken.CanBeCanceled ? WaitAsync(waiter, cancellationToken) : waiter.Task;
    }

    public void Release()
    {
        lock (_lock)
        {
            while (_waiting.TryDequeue(out var waiter, out _))
            {
                // False only for a waiter already cancelled: the slot goes to the next one.
                if (waiter.TrySetResult())
                {
                    return;
                }
            }
            if (_free == Count)
            {
                throw new SemaphoreFullException();
            }
            _free++;
        }
    }

    private static async Task WaitAsync(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), waiter))
        {
            await waiter.Task;
        }
    }
}
