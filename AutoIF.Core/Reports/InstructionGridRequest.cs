namespace AutoIF.Core.Reports;

/// <summary>
/// One page of the Instructions grid: filter, sort and the page window. <see cref="KnownTotal"/> is the count a caller
/// already has for the same filter (paging and sorting do not change it), so the COUNT, the one part that grows with the
/// table, runs once per filter instead of once per page.
/// </summary>
public sealed record InstructionGridRequest(
    InstructionGridFilter Filter,
    InstructionSortColumn Sort = InstructionSortColumn.Id,
    bool Descending = false,
    int Skip = 0,
    int Take = 50,
    int? KnownTotal = null);
