namespace AutoIF.Core.Export;

/// <summary>
/// Collects the outcome of <see cref="ContaminationChecker.ScanAsync{TRow}"/> while rows stream: prompt overlap (only
/// the worst matches are kept) and which of the exported rows' instructions matched the benchmark's instructions.
/// </summary>
/// <param name="instructionMatches">The run's matching instructions by id (<see cref="ContaminationChecker.CheckInstructionsAsync"/>); null checks prompts only.</param>
public sealed class ContaminationScan(ContaminationChecker checker, IReadOnlyDictionary<int, InstructionContaminationMatch>? instructionMatches = null, int worstMatches = 20)
{
    // Min-heap on overlap: the root is the mildest of the kept matches, replaced when a worse one arrives.
    private readonly PriorityQueue<ContaminationMatch, double> _worst = new();
    private readonly HashSet<int> _instructionsSeen = [];
    private long _checked;
    private long _overlapping;
    private long _instructionRows;
    private long _dropped;

    internal bool InstructionMatched(int instructionId) => instructionMatches?.ContainsKey(instructionId) == true;

    internal void Record(int instructionId, ContaminationMatch? match, bool dropped)
    {
        _checked++;
        _instructionsSeen.Add(instructionId);
        if (InstructionMatched(instructionId))
        {
            _instructionRows++;
        }
        if (dropped)
        {
            _dropped++;
        }
        if (match is null)
        {
            return;
        }
        _overlapping++;
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
        _worst.UnorderedItems.Select(i => i.Element).OrderByDescending(m => m.Overlap).ThenBy(m => m.SourceId).ToList())
    {
        BenchmarkInstructions = checker.BenchmarkInstructions,
        InstructionsChecked = instructionMatches is null ? 0 : _instructionsSeen.Count,
        RowsWithInstructionMatch = _instructionRows,
        InstructionMatches = instructionMatches is null ? [] : _instructionsSeen.Where(instructionMatches.ContainsKey).Order().Select(id => instructionMatches[id]).ToList(),
    };
}
