namespace AutoIF.Core.Reports;

/// <summary>One page of the Instructions grid: filter, sort and the page window.</summary>
public sealed record InstructionGridRequest(
    InstructionGridFilter Filter,
    InstructionSortColumn Sort = InstructionSortColumn.Id,
    bool Descending = false,
    int Skip = 0,
    int Take = 50);
