namespace AutoIF.Core.Reports;

/// <summary>A combination the run rejected: the other instruction of a conflicting pair, and why (decision 025).</summary>
public sealed record ConstraintConflictRow(int OtherInstructionId, string OtherText, CompatibilityEvidence Evidence, string Reason);
