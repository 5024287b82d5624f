namespace AutoIF.Core.Reviews;

/// <summary>
/// How the latest decision of each reviewer on one item becomes the item's review state (decision 029). Only that
/// state is read by the effective-status rule, so stats, exports and later stages follow the setting unchanged.
/// </summary>
public enum ReviewCombine
{
    /// <summary>Rejected if any reviewer's latest decision rejects; else approved.</summary>
    AnyRejectWins,

    /// <summary>What most reviewers decided; a tie rejects (as AnyRejectWins would).</summary>
    Majority,

    /// <summary>The newest decision, whoever made it.</summary>
    Latest,
}
