namespace AutoIF.Core.Export;

/// <summary>What a single-file export wrote.</summary>
public sealed record ExportResult(long Rows, string Format, ExportContainer Container, ContaminationReport? Contamination);
