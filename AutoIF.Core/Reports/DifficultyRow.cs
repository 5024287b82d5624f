namespace AutoIF.Core.Reports;

/// <summary>
/// A run's round-0 responses to prompts carrying <see cref="Constraints"/> instructions (difficulty k): how many were
/// verified, passed every constraint, and were kept in the end (after the judge and human review).
/// </summary>
public sealed record DifficultyRow(int Constraints, long Prompts, long Responses, long Verified, long PassedVerify, long Kept)
{
    /// <summary>Share of verified responses that pass every constraint; null with none verified.</summary>
    public double? PassRate => Verified == 0 ? null : (double)PassedVerify / Verified;

    /// <summary>Share of sampled responses kept in the end; null with none sampled.</summary>
    public double? Yield => Responses == 0 ? null : (double)Kept / Responses;
}
