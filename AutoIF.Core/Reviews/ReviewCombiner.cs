namespace AutoIF.Core.Reviews;

/// <summary>The <see cref="ReviewCombine"/> rule: one review state from every reviewer's latest decision on an item.</summary>
public static class ReviewCombiner
{
    /// <param name="latestPerReviewer">Each reviewer's latest decision, oldest first (the last is the newest of all).</param>
    public static ReviewState Combine(ReviewCombine rule, IReadOnlyList<ReviewState> latestPerReviewer)
    {
        if (latestPerReviewer.Count == 0)
        {
            return ReviewState.None;
        }
        var rejects = latestPerReviewer.Count(d => d == ReviewState.Rejected);
        return rule switch
        {
            ReviewCombine.Latest => latestPerReviewer[^1],
            ReviewCombine.Majority => rejects * 2 >= latestPerReviewer.Count ? ReviewState.Rejected : ReviewState.Approved,
            _ => rejects > 0 ? ReviewState.Rejected : ReviewState.Approved,
        };
    }
}
