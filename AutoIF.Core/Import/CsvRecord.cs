namespace AutoIF.Core.Import;

/// <summary>One CSV record and the 1-based physical line it starts on (quoted fields may span lines).</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
