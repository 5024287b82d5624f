namespace AutoIF.Core.Reports;

public sealed record ResponseVerdict(int VerifierId, VerdictKind Kind, string? Detail);
