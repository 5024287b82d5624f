using System.Text;

namespace AutoIF.Core.Export;

/// <summary>
/// Puts each row in train or validation from a seed and a stable key, with no state: the same seed, share and key
/// always give the same split, whatever order rows arrive in. The exporter keys on the prompt, so every row of one
/// prompt lands in the same split and validation never sees a training prompt.
/// </summary>
public sealed class SplitAssigner
{
    private readonly double _validationShare;
    private readonly int _seed;

    /// <param name="validationShare">Share of keys sent to validation, 0 (no validation split) to 1.</param>
    public SplitAssigner(double validationShare, int seed)
    {
        if (double.IsNaN(validationShare) || validationShare < 0 || validationShare > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(validationShare), validationShare, "validation share must be between 0 and 1");
        }
        _validationShare = validationShare;
        _seed = seed;
    }

    public bool HasValidation => _validationShare > 0;

    public DatasetSplit Assign(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_validationShare <= 0)
        {
            return DatasetSplit.Train;
        }
        return UnitInterval(_seed, key) < _validationShare ? DatasetSplit.Validation : DatasetSplit.Train;
    }

    /// <summary>A uniform value in [0, 1) from FNV-1a 64 over the seed and the key; stable across processes and platforms (unlike string.GetHashCode).</summary>
    private static double UnitInterval(int seed, string key)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        for (var shift = 0; shift < 32; shift += 8)
        {
            hash = (hash ^ (byte)(seed >> shift)) * prime;
        }
        Span<byte> buffer = stackalloc byte[256];
        var chars = key.AsSpan();
        while (chars.Length > 0)
        {
            var take = Math.Min(chars.Length, 64);
            var n = Encoding.UTF8.GetBytes(chars[..take], buffer);
            foreach (var b in buffer[..n])
            {
                hash = (hash ^ b) * prime;
            }
            chars = chars[take..];
        }
        // Final avalanche (splitmix64) so nearby keys spread over the whole interval.
        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
