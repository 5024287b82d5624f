namespace AutoIF.Core.Reports;

/// <summary>A page of rows and the number of rows the whole filter matches.</summary>
public sealed record InstructionGridPage(IReadOnlyList<InstructionGridRow> Rows, int Total);
