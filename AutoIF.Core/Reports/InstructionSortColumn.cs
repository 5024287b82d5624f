namespace AutoIF.Core.Reports;

/// <summary>Columns the Instructions grid sorts by in SQL; each is indexed (alone or after RunId).</summary>
public enum InstructionSortColumn
{
    Id = 0,
    PassRate = 1,
    Status = 2,
    ReviewState = 3,
    Run = 4,
}
