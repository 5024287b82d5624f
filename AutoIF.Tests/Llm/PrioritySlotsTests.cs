using AutoIF.Core.Llm;

namespace AutoIF.Tests.Llm;

public sealed class PrioritySlotsTests
{
    [Fact]
    public async Task A_released_slot_goes_to_the_highest_priority_then_to_the_earliest_waiter()
    {
        var slots = new PrioritySlots(1);
        await slots.TakeAsync(0, CancellationToken.None);
        var low = slots.TakeAsync(2, CancellationToken.None);
        var highFirst = slots.TakeAsync(5, CancellationToken.None);
        var highSecond = slots.TakeAsync(5, CancellationToken.None);

        slots.Release();
        await highFirst;
        Assert.False(highSecond.IsCompleted);
        Assert.False(low.IsCompleted);
        slots.Release();
        await highSecond;
        Assert.False(low.IsCompleted);
        slots.Release();
        await low;
        slots.Release();
        Assert.Equal(1, slots.Free);
    }

    [Fact]
    public async Task A_cancelled_waiter_is_skipped_and_its_slot_is_not_lost()
    {
        var slots = new PrioritySlots(1);
        await slots.TakeAsync(0, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = slots.TakeAsync(9, cancel.Token);
        var next = slots.TakeAsync(1, CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        slots.Release();
        await next;
        Assert.Equal(0, slots.Free);
        slots.Release();
        Assert.Equal(1, slots.Free);
        Assert.Throws<SemaphoreFullException>(slots.Release);
    }
}
