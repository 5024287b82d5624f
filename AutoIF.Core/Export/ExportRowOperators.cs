using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace AutoIF.Core.Export;

/// <summary>
/// The filters that cannot be SQL, as streaming operators: each pulls one row at a time and keeps only what it
/// must remember (a 16-byte hash per distinct prompt, a counter per instruction).
/// </summary>
public static class ExportRowOperators
{
    /// <summary>Keeps the first row of each distinct prompt (exact text match after the composer's fixes).</summary>
    public static async IAsyncEnumerable<TRow> DistinctPrompts<TRow>(this IAsyncEnumerable<TRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRow : IExportRow
    {
        var seen = new HashSet<UInt128>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (seen.Add(PromptKey(row.Prompt)))
            {
                yield return row;
            }
        }
    }

    /// <summary>Keeps at most <paramref name="max"/> rows per instruction, the first ones in source order.</summary>
    public static async IAsyncEnumerable<TRow> MaxPerInstruction<TRow>(this IAsyncEnumerable<TRow> rows, int max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRow : IExportRow
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var counts = new Dictionary<int, int>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            counts.TryGetValue(row.InstructionId, out var count);
            if (count < max)
            {
                counts[row.InstructionId] = count + 1;
                yield return row;
            }
        }
    }

    /// <summary>Keeps the rows <paramref name="assigner"/> puts in <paramref name="split"/>, keyed on the prompt.</summary>
    public static async IAsyncEnumerable<TRow> InSplit<TRow>(this IAsyncEnumerable<TRow> rows, SplitAssigner assigner, DatasetSplit split, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRow : IExportRow
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (assigner.Assign(row.Prompt) == split)
            {
                yield return row;
            }
        }
    }

    /// <summary>Counts rows as they pass, for progress on the page or the CLI.</summary>
    public static async IAsyncEnumerable<TRow> Counted<TRow>(this IAsyncEnumerable<TRow> rows, IProgress<long> progress, int every = 1_000, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long n = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
            if (++n % every == 0)
            {
                progress.Report(n);
            }
        }
        progress.Report(n);
    }

    private static UInt128 PromptKey(string prompt)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(prompt), hash);
        return new UInt128(BitConverter.ToUInt64(hash[..8]), BitConverter.ToUInt64(hash[8..16]));
    }
}
