namespace AutoIF.Core.Export;

/// <summary>What <see cref="ExportToFile"/> wrote: rows, the file's size in bytes, and the contamination report when a benchmark was given.</summary>
public sealed record ExportFileResult(long Rows, long Bytes, ContaminationReport? Contamination);
