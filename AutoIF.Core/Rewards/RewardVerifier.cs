namespace AutoIF.Core.Rewards;

/// <summary>A kept verifier version as the reward service runs it.</summary>
public sealed record RewardVerifier(int Id, string Source);
