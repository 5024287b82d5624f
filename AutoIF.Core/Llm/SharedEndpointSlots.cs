using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Llm;

/// <summary>
/// A server's <c>MaxConcurrency</c> across every process on one database (<c>Llm:SharedSlots</c>): a call that holds a
/// slot of its process's throttle also takes one of the server's shared slots, a lock <see cref="IEndpointSlotLocks"/>
/// keeps for exactly as long as the call, or the process, lives. Without a database (no locks) it is off.
/// </summary>
public sealed class SharedEndpointSlots : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(250);

    private readonly IOptionsMonitor<LlmOptions> _options;
    private readonly IEndpointSlotLocks? _locks;
    private readonly ILogger<SharedEndpointSlots> _logger;
    // One lock operation at a time: the PostgreSQL locks share one session, and the slots this process holds (which a
    // re-entrant session lock would hand out twice) must be known before the next try.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(LlmRole Role, string Server), EndpointSlotKey> _keys = [];
    private readonly Dictionary<EndpointSlotKey, HashSet<int>> _held = [];

    public SharedEndpointSlots(IOptionsMonitor<LlmOptions> options, IEndpointSlotLocks? locks, ILogger<SharedEndpointSlots> logger)
    {
        _options = options;
        _locks = locks;
        _logger = logger;
    }

    /// <summary>Whether calls take shared slots: there is a database and <c>Llm:SharedSlots</c> is not false.</summary>
    public bool IsEnabled => _locks is not null && _options.CurrentValue.SharedSlots != false;

    /// <summary>
    /// One of the server's <paramref name="maxConcurrency"/> slots no process holds, without waiting; null when all are
    /// held (by other processes, or by this one's calls under older settings). Dispose the lease when the call is over.
    /// </summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(LlmRole role, string server, int maxConcurrency, CancellationToken cancellationToken)
    {
        if (_locks is null)
        {
            throw new InvalidOperationException("Shared endpoint slots need the app's database; check IsEnabled first.");
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_keys.TryGetValue((role, server), out var key))
            {
                key = new EndpointSlotKey(role, server);
                _keys[(role, server)] = key;
                _held[key] = [];
            }
            var held = _held[key];
            // From a random slot on, so processes starting together do not all try the same slots first.
            var start = Random.Shared.Next(maxConcurrency);
            var candidates = Enumerable.Range(0, maxConcurrency).Select(i => (start + i) % maxConcurrency).Where(s => !held.Contains(s)).ToList();
            if (await _locks.TryLockAnyAsync(key, candidates) is not { } slot)
            {
                return null;
            }
            held.Add(slot);
            return new Lease(this, key, slot);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>How long a call waits before its <paramref name="attempt"/>-th retry when every slot is held: doubling, with jitter.</summary>
    public static TimeSpan RetryDelay(int attempt)
    {
        var delay = Math.Min(FirstRetry.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 10)), LongestRetry.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (0.5 + Random.Shared.NextDouble()));
    }

    // The gate is not disposed: a call still in flight at shutdown releases its lease through it (the locks let go of
    // nothing by then), and a SemaphoreSlim whose wait handle is never asked for holds nothing to free.
    public void Dispose() => _locks?.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (_locks is not null)
        {
            await _locks.DisposeAsync();
        }
    }

    private async Task ReleaseAsync(EndpointSlotKey key, int slot)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            await _locks!.UnlockAsync(key, slot);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The call is over and its answer good; a lock that could not be let go went with its broken session.
            _logger.LogWarning(ex, "Could not release {Role} slot {Slot} of {Server}", key.Role, slot, key.Server);
        }
        finally
        {
            // Only now: until the lock is let go, trying this slot again would get it re-entrantly.
            _held[key].Remove(slot);
            _gate.Release();
        }
    }

    private sealed class Lease(SharedEndpointSlots owner, EndpointSlotKey key, int slot) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                await owner.ReleaseAsync(key, slot);
            }
        }
    }
}
