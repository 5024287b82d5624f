namespace AutoIF.Core.Audit;

/// <summary>A page of a run's audit list, newest first, and how many entries the run has.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}
