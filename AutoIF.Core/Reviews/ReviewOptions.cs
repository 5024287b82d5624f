namespace AutoIF.Core.Reviews;

/// <summary>Settings of spot-check reviews (configuration section <c>Reviews</c>).</summary>
public sealed class ReviewOptions
{
    public const string SectionName = "Reviews";

    /// <summary>The name stored with every decision until the app has users; <c>Reviews:ReviewerName</c>.</summary>
    public string ReviewerName { get; set; } = "reviewer";
}
