namespace AutoIF.Core.Rewards;

/// <summary>A label the service cannot score: malformed, or naming a run, prompt or instruction it does not have.</summary>
public sealed class RewardLabelException(string message) : Exception(message);
