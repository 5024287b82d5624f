namespace AutoIF.Core.Reports;

/// <summary>One human decision in an item's review history.</summary>
public sealed record ReviewRow(
    int Id,
    ReviewTarget Target,
    long TargetId,
    ReviewState Decision,
    ItemStatus AutomaticStatus,
    string? Note,
    string Reviewer,
    DateTimeOffset CreatedAt);
