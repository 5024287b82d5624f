namespace AutoIF.Core.Rewards;

/// <summary>The wire names of <see cref="RewardMode"/> (<c>binary</c>, <c>fraction</c>, <c>accuracy</c>).</summary>
public static class RewardModes
{
    public const string Names = "binary, fraction or accuracy";

    /// <summary>Null or empty is the default, <see cref="RewardMode.Binary"/>; an unknown name is refused with the names allowed.</summary>
    public static RewardMode Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "binary" => RewardMode.Binary,
        "fraction" => RewardMode.Fraction,
        "accuracy" => RewardMode.Accuracy,
        _ => throw new ArgumentException($"mode: '{name}' is not a reward mode; use {Names}"),
    };
}
