using System.Text.Json.Serialization;
using AutoIF.Core.Rewards;

namespace AutoIF.Web.Apis.Reward;

/// <summary>One rollout's reward in the requested mode and each constraint's detail.</summary>
public sealed record RewardScoreResult(
    [property: JsonPropertyName("reward")] double Reward,
    [property: JsonPropertyName("constraints")] IReadOnlyList<RewardConstraintResult> Constraints)
{
    public static RewardScoreResult From(RolloutScore score, RewardMode mode) =>
        new(score.Reward(mode), score.Constraints.Select(RewardConstraintResult.From).ToList());
}
