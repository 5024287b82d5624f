namespace AutoIF.Core.Reviews;

/// <summary>Settings of spot-check reviews (configuration section <c>Reviews</c>).</summary>
public sealed class ReviewOptions
{
    public const string SectionName = "Reviews";

    /// <summary>The name stored with every decision until the app has users; <c>Reviews:ReviewerName</c>.</summary>
    public string ReviewerName { get; set; } = "reviewer";

    /// <summary>How several reviewers' decisions on one item make the one review state stats and exports read; <c>Reviews:Combine</c>.</summary>
    public ReviewCombine Combine { get; set; } = ReviewCombine.AnyRejectWins;

    /// <summary>The name single-user mode records: <see cref="ReviewerName"/>, or "reviewer" when it is blank.</summary>
    public string Name => string.IsNullOrWhiteSpace(ReviewerName) ? "reviewer" : ReviewerName.Trim();
}
