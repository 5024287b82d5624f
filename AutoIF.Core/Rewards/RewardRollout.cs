namespace AutoIF.Core.Rewards;

/// <summary>A rollout ready to score: its run's reward set, the constraints its label names, and the answer to verify.</summary>
public sealed record RewardRollout(RunRewardSet Run, IReadOnlyList<int> InstructionIds, ModelAnswer Answer);
