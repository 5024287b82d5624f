namespace AutoIF.Core.Reviews;

/// <summary>A human decision to record: approve or reject one instruction, verifier, response or DPO pair, with an optional note.</summary>
public sealed record ReviewDecision(ReviewTarget Target, long TargetId, ReviewState Decision, string? Note = null);
