namespace AutoIF.Core.Reports;

/// <summary>What one verifier returned on one test case; <see cref="Detail"/> is the exception text or captured output.</summary>
public sealed record MatrixCell(int VerifierId, int TestCaseId, VerdictKind Verdict, string? Detail);
