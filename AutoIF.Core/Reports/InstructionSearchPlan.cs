namespace AutoIF.Core.Reports;

/// <summary>
/// How SQLite combines a text search with the rest of the filter and the sort. PostgreSQL's planner chooses by itself
/// from its statistics; SQLite knows nothing of how many rows an FTS5 query matches, so the grid tells it.
/// </summary>
public enum InstructionSearchPlan
{
    /// <summary>Read the search's matches and look each one up: best when they are few (and for counting).</summary>
    FromMatches = 0,

    /// <summary>Walk the sort's index and test each row against the search: best when most rows match.</summary>
    CheckEachRow = 1,
}
