namespace AutoIF.Core.Seeds;

/// <summary>One seed set as the Seeds page and <c>seeds list</c> show it.</summary>
/// <param name="IsBuiltIn">One of <see cref="SeedSets.BuiltIn"/> (listed even when all its seeds were deleted).</param>
/// <param name="IsDefault">The set new runs start from.</param>
public sealed record SeedSetSummary(string Name, int Seeds, bool IsBuiltIn, bool IsDefault);
