namespace AutoIF.Core.Domain;

/// <summary>One verifier version run on one response. Kept narrow: a run stores millions.</summary>
public class Verdict
{
    public int VerifierId { get; init; }
    public long ResponseId { get; init; }
    public VerdictKind Kind { get; init; }
    public string? Detail { get; init; }
}
