namespace AutoIF.Core.Domain;

/// <summary>One cell of the function × test-case matrix.</summary>
public class CaseResult
{
    public int VerifierId { get; init; }
    public int TestCaseId { get; init; }
    public VerdictKind Verdict { get; init; }
    /// <summary>Exception text, type of a non-bool result, or captured output (capped).</summary>
    public string? Detail { get; init; }
}
