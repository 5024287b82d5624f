namespace AutoIF.Core.Reports;

/// <summary>A page of one failure kind and the number of verifiers in every kind (for the group headers).</summary>
public sealed record FailingVerifierPage(IReadOnlyList<FailingVerifierRow> Rows, int Total, IReadOnlyDictionary<FailureKind, int> CountsByKind);
