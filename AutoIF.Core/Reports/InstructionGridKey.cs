namespace AutoIF.Core.Reports;

/// <summary>
/// Where a page starts or ends: the sort values of a row the grid already shows. A page is then found by seeking in the
/// sort's index from this row (keyset paging), which costs the same on page 2 and page 4,000; OFFSET walks every row before.
/// </summary>
public sealed record InstructionGridKey(int Id, int RunId, ItemStatus Status, ReviewState ReviewState, double? PassRate)
{
    public static InstructionGridKey Of(InstructionGridRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Id, row.RunId, row.Status, row.ReviewState, row.PassRate);
    }
}
