namespace AutoIF.Core.Reports;

/// <summary>
/// One page of the Instructions grid: filter, sort and the page window. The window is <see cref="After"/> or
/// <see cref="Before"/> a row the caller shows (keyset paging: next and previous page cost the same at any depth), else
/// <see cref="Skip"/> rows from the start (a jump: OFFSET, which walks the skipped rows in the sort's index).
/// <see cref="KnownCount"/> is the count a caller already has for the same filter (paging and sorting do not change it),
/// so it is counted once per filter instead of once per page.
/// </summary>
public sealed record InstructionGridRequest(
    InstructionGridFilter Filter,
    InstructionSortColumn Sort = InstructionSortColumn.Id,
    bool Descending = false,
    int Skip = 0,
    int Take = 50,
    InstructionGridCount? KnownCount = null,
    InstructionGridKey? After = null,
    InstructionGridKey? Before = null);
