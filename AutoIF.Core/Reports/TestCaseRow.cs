namespace AutoIF.Core.Reports;

/// <summary>A test case (a column of the function × case matrix).</summary>
public sealed record TestCaseRow(int Id, string Input, bool Expected, bool IsSelfTest, double? Agreement, ItemStatus Status, string? DropReason);
