namespace AutoIF.Core.Export;

/// <summary>What a bundle holds: its data files with row counts, and the contamination report when one was made.</summary>
public sealed record ExportBundleResult(IReadOnlyList<SplitFile> Files, ContaminationReport? Contamination)
{
    public long Rows => Files.Sum(f => f.Rows);
}
