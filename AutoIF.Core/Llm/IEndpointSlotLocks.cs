namespace AutoIF.Core.Llm;

/// <summary>
/// Locks shared by every process on one database, each held by the process that took it until it lets go or dies
/// (<see cref="SharedEndpointSlots"/> serializes the calls, so implementations need no locking of their own).
/// </summary>
public interface IEndpointSlotLocks : IAsyncDisposable, IDisposable
{
    /// <summary>Takes the first of <paramref name="slots"/> no process holds, without waiting; null when every one is held.</summary>
    Task<int?> TryLockAnyAsync(EndpointSlotKey key, IReadOnlyList<int> slots);

    /// <summary>Lets go of a slot this process holds.</summary>
    Task UnlockAsync(EndpointSlotKey key, int slot);
}
