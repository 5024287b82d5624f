namespace AutoIF.Core.Pipeline;

/// <summary>Seeded randomness that is the same in every process (HashCode is randomised per process, so never use it here).</summary>
public static class StableRandom
{
    public static Random For(int runSeed, long salt) => new((int)((((long)runSeed * 1_000_003L) + salt) & int.MaxValue));

    /// <summary>
    /// <paramref name="count"/> distinct items drawn uniformly, in draw order, in O(count) time and memory: a
    /// Fisher–Yates shuffle that only records the swaps it makes, so a pool of 100,000 queries costs nothing per draw.
    /// </summary>
    public static IReadOnlyList<T> Sample<T>(IReadOnlyList<T> items, int count, Random random)
    {
        var take = Math.Min(count, items.Count);
        var swapped = new Dictionary<int, int>(take);
        var result = new List<T>(take);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, items.Count);
            var picked = swapped.GetValueOrDefault(j, j);
            swapped[j] = swapped.GetValueOrDefault(i, i);
            result.Add(items[picked]);
        }
        return result;
    }
}
