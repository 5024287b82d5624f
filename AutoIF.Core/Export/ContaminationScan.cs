namespace AutoIF.Core.Export;

/// <summary>Collects the outcome of <see cref="ContaminationChecker.ScanAsync{TRow}"/> while rows stream; keeps only the worst matches.</summary>
public sealed class ContaminationScan(ContaminationChecker checker, int worstMatches = 20)
{
    // Min-heap on overlap: the root is the mildest of the kept matches, replaced when a worse one arrives.
    private readonly PriorityQueue<ContaminationMatch, double> _worst = new();
    private long _checked;
    private long _overlapping;
    private long _dropped;

    internal void Record(ContaminationMatch? match, bool dropped)
    {
        _checked++;
        if (match is null)
        {
            return;
        }
        _overlapping++;
        if (dropped)
        {
            _dropped++;
        }
        if (_worst.Count < worstMatches)
        {
            _worst.Enqueue(match, match.Overlap);
        }
        else if (worstMatches > 0 && _worst.TryPeek(out _, out var mildest) && match.Overlap > mildest)
        {
            _worst.DequeueEnqueue(match, match.Overlap);
        }
    }

    public ContaminationReport Report() => new(
        checker.BenchmarkName,
        checker.BenchmarkPrompts,
        _checked,
        _overlapping,
        _dropped,
        _worst.UnorderedItems.Select(i => i.Element).OrderByDescending(m => m.Overlap).ThenBy(m => m.SourceId).ToList());
}
