namespace AutoIF.Core.Domain;

/// <summary>A human spot-check decision. The newest review of a target wins and is mirrored on the target's ReviewState.</summary>
public class Review
{
    public int Id { get; init; }
    public int RunId { get; init; }
    public ReviewTarget Target { get; init; }
    public long TargetId { get; init; }
    public ReviewState Decision { get; init; }
    public string? Note { get; init; }
    public required string Reviewer { get; init; }
    /// <summary>What the automatic filter had decided, so agreement between humans and the filter can be measured.</summary>
    public ItemStatus AutomaticStatus { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
