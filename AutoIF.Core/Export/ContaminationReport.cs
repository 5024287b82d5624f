using System.Globalization;

namespace AutoIF.Core.Export;

/// <summary>The result of checking an export's prompts and instructions against a benchmark file.</summary>
/// <param name="Benchmark">File name of the benchmark.</param>
/// <param name="BenchmarkPrompts">Prompts read from it.</param>
/// <param name="RowsChecked">Exported rows checked.</param>
/// <param name="RowsWithOverlap">Rows whose prompt shares at least one 13-gram with the benchmark.</param>
/// <param name="RowsDropped">Rows left out of the export because their prompt overlapped or their instruction matched (only when dropping was asked for).</param>
/// <param name="WorstMatches">The rows with the highest prompt overlap, highest first.</param>
public sealed record ContaminationReport(
    string Benchmark,
    int BenchmarkPrompts,
    long RowsChecked,
    long RowsWithOverlap,
    long RowsDropped,
    IReadOnlyList<ContaminationMatch> WorstMatches)
{
    /// <summary>Sentences of the benchmark's prompts the instructions were compared with.</summary>
    public int BenchmarkInstructions { get; init; }

    /// <summary>Distinct instructions of the exported rows that were checked.</summary>
    public int InstructionsChecked { get; init; }

    /// <summary>Exported rows whose instruction matched a benchmark instruction.</summary>
    public long RowsWithInstructionMatch { get; init; }

    /// <summary>Every instruction of the exported rows that matched, by instruction id.</summary>
    public IReadOnlyList<InstructionContaminationMatch> InstructionMatches { get; init; } = [];

    /// <summary>The report as the CLI prints it: counts, then each matching instruction (at most <paramref name="maxInstructions"/>).</summary>
    public IEnumerable<string> SummaryLines(int maxInstructions = 50)
    {
        yield return Inv($"contamination against {Benchmark} ({BenchmarkPrompts:N0} prompts, {BenchmarkInstructions:N0} instruction sentences):");
        yield return Inv($"  prompts: {RowsWithOverlap:N0} of {RowsChecked:N0} rows share a {ContaminationChecker.NGramSize}-gram with the benchmark");
        yield return Inv($"  instructions: {InstructionMatches.Count:N0} of {InstructionsChecked:N0} match a benchmark instruction ({RowsWithInstructionMatch:N0} rows)");
        if (RowsDropped > 0)
        {
            yield return Inv($"  dropped: {RowsDropped:N0} rows");
        }
        foreach (var match in InstructionMatches.Take(maxInstructions))
        {
            yield return Inv($"  instruction {match.InstructionId} [{match.TestName}] \"{match.Instruction}\" ~ line {match.BenchmarkLine}: \"{match.BenchmarkText}\"");
        }
        if (InstructionMatches.Count > maxInstructions)
        {
            yield return Inv($"  … {InstructionMatches.Count - maxInstructions:N0} more matching instructions");
        }
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
