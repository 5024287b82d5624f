namespace AutoIF.Core.Export;

/// <summary>The result of checking exported prompts against a benchmark file.</summary>
/// <param name="Benchmark">File name of the benchmark.</param>
/// <param name="BenchmarkPrompts">Prompts read from it.</param>
/// <param name="RowsChecked">Exported rows checked.</param>
/// <param name="RowsWithOverlap">Rows sharing at least one 13-gram with the benchmark.</param>
/// <param name="RowsDropped">Rows left out of the export because they overlapped (only when dropping was asked for).</param>
/// <param name="WorstMatches">The rows with the highest overlap, highest first.</param>
public sealed record ContaminationReport(
    string Benchmark,
    int BenchmarkPrompts,
    long RowsChecked,
    long RowsWithOverlap,
    long RowsDropped,
    IReadOnlyList<ContaminationMatch> WorstMatches);
