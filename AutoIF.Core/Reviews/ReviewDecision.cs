namespace AutoIF.Core.Reviews;

/// <summary>
/// A human decision to record: approve or reject one instruction, verifier, response or DPO pair, with an optional note,
/// by <paramref name="Reviewer"/> (the signed-in user; null: Reviews:ReviewerName, as in single-user mode).
/// </summary>
public sealed record ReviewDecision(ReviewTarget Target, long TargetId, ReviewState Decision, string? Note = null, string? Reviewer = null);
