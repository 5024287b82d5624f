namespace AutoIF.Core.Reports;

/// <summary>A page of rows, how many rows the filter matches (capped) and whether rows follow this page.</summary>
public sealed record InstructionGridPage(IReadOnlyList<InstructionGridRow> Rows, InstructionGridCount Count, bool HasMore)
{
    /// <summary>The count, or the cap when more match.</summary>
    public int Total => Count.Value;
}
