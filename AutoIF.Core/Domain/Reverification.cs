namespace AutoIF.Core.Domain;

/// <summary>
/// One re-verification of a run (or one instruction of it) with the verifiers' current versions, and what it changed:
/// <see cref="Diff"/> is the <c>ReverificationDiff</c> as JSON, written when it is done.
/// </summary>
public class Reverification
{
    public int Id { get; init; }
    public int RunId { get; init; }
    /// <summary>Only this instruction was re-verified; null for the whole run.</summary>
    public int? InstructionId { get; init; }
    public ReverificationState State { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? Error { get; set; }
    public string? Diff { get; set; }
}
