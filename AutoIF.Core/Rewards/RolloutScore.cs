namespace AutoIF.Core.Rewards;

/// <summary>One rollout's score: each constraint's result, and the reward in each mode.</summary>
public sealed record RolloutScore(IReadOnlyList<ConstraintScore> Constraints)
{
    /// <summary>The share of constraints that passed, 0–1 (what OpenRLHF's <c>scores</c> carry for dynamic filtering).</summary>
    public double Fraction => Constraints.Count == 0 ? 0 : (double)Constraints.Count(c => c.Passed) / Constraints.Count;

    public double Reward(RewardMode mode) => Constraints.Count == 0 ? 0 : mode switch
    {
        RewardMode.Binary => Constraints.All(c => c.Passed) ? 1 : 0,
        RewardMode.Fraction => Fraction,
        RewardMode.Accuracy => Constraints.Average(c => c.Accuracy),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };
}
