namespace AutoIF.Core.Domain;

/// <summary>
/// Whether two instructions of a run may share a prompt, decided once per pair the composer drew (decision 025) and
/// kept with its evidence: the stored data (a case or response passing both) or the supervision model's answer.
/// A conflicting pair is a rejected combination; its <see cref="Reason"/> says why.
/// </summary>
public class ConstraintCompatibility
{
    public int Id { get; init; }
    public int RunId { get; init; }
    /// <summary>The lower instruction id of the pair.</summary>
    public int FirstInstructionId { get; init; }
    /// <summary>The higher instruction id of the pair.</summary>
    public int SecondInstructionId { get; init; }
    public bool Compatible { get; init; }
    public CompatibilityEvidence Evidence { get; init; }
    public required string Reason { get; init; }
    public long? LlmCallId { get; init; }
}
