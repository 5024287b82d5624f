namespace AutoIF.Core.Rewards;

/// <summary>How a rollout's constraints become one reward.</summary>
public enum RewardMode
{
    /// <summary>1 when every constraint passes, else 0.</summary>
    Binary = 0,

    /// <summary>The share of constraints that pass.</summary>
    Fraction = 1,

    /// <summary>The mean of the constraints' accuracies.</summary>
    Accuracy = 2,
}
