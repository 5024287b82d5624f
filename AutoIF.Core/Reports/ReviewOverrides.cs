namespace AutoIF.Core.Reports;

/// <summary>
/// Kept counts of a run before and after human decisions: what the automatic filter kept, and what stats and exports use
/// (kept or approved, and not rejected).
/// </summary>
public sealed record ReviewOverrides(
    int InstructionsKeptAutomatically,
    int InstructionsKeptAfterReview,
    int VerifiersKeptAutomatically,
    int VerifiersKeptAfterReview,
    int ApprovedItems,
    int RejectedItems);
