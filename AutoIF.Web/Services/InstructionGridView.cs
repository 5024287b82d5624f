using AutoIF.Core.Reports;

namespace AutoIF.Web.Services;

/// <summary>Everything a shared Instructions link holds: the filter, the sort and the page.</summary>
public sealed record InstructionGridView(
    InstructionGridFilter Filter,
    InstructionSortColumn Sort = InstructionSortColumn.Id,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25)
{
    public InstructionGridRequest ToRequest() => new(Filter, Sort, Descending, Page * PageSize, PageSize);
}
