namespace AutoIF.Core.Pipeline;

/// <summary>
/// A stage's items cut into the batches it asks and stores: full batches, then the last ones halving down to one wave of
/// the model's slots, so the stages streaming behind it get its last items soon after its last calls, not all at once
/// with one big last batch (decision 053). The items keep their order; only where the cuts fall changes.
/// </summary>
public static class StageBatches
{
    public static IEnumerable<T[]> Taper<T>(IReadOnlyList<T> items, int size, int floor)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        floor = Math.Clamp(floor, 1, size);
        for (var start = 0; start < items.Count;)
        {
            var left = items.Count - start;
            var take = left > 2 * size ? size : Math.Min(left, Math.Max(floor, (left + 1) / 2));
            var batch = new T[take];
            for (var i = 0; i < take; i++)
            {
                batch[i] = items[start + i];
            }
            yield return batch;
            start += take;
        }
    }
}
