namespace AutoIF.Core.Rewards;

/// <summary>
/// Requests served and their latency since the app started, for the Settings page. Latencies go into logarithmic buckets
/// 5% wide (from 10 µs to about 15 minutes), so a percentile is exact to within 5% and memory stays fixed however long
/// a training job runs.
/// </summary>
public sealed class RewardStats
{
    private const double BucketGrowth = 1.05;
    private const double SmallestMicroseconds = 10;
    private const int Buckets = 380;

    private readonly long[] _counts = new long[Buckets];
    private long _requests;
    private long _rollouts;

    public long Requests => Interlocked.Read(ref _requests);

    public long Rollouts => Interlocked.Read(ref _rollouts);

    public void Record(TimeSpan elapsed, int rollouts)
    {
        var micros = Math.Max(elapsed.TotalMicroseconds, SmallestMicroseconds);
        var bucket = (int)Math.Clamp(Math.Log(micros / SmallestMicroseconds, BucketGrowth), 0, Buckets - 1);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _requests);
        Interlocked.Add(ref _rollouts, rollouts);
    }

    /// <summary>The latency below which <paramref name="quantile"/> of the requests finished (the bucket's upper edge); null before the first request.</summary>
    public TimeSpan? Percentile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var counts = _counts.Select(c => Interlocked.Read(ref c)).ToArray();
        var total = counts.Sum();
        if (total == 0)
        {
            return null;
        }
        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(SmallestMicroseconds * Math.Pow(BucketGrowth, i + 1));
            }
        }
        return TimeSpan.FromMicroseconds(SmallestMicroseconds * Math.Pow(BucketGrowth, Buckets));
    }
}
