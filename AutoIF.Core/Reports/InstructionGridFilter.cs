using AutoIF.Core.Domain;

namespace AutoIF.Core.Reports;

/// <summary>
/// What the Instructions grid shows. Every field is optional; the same filter feeds the page query and its count.
/// <see cref="Search"/> is a case-insensitive substring match (SQL LIKE), a full scan of the filtered rows, not a full-text index.
/// </summary>
public sealed record InstructionGridFilter
{
    public int? RunId { get; init; }
    public string? Search { get; init; }
    public ItemStatus? Status { get; init; }
    public PipelineStage? DropStage { get; init; }
    /// <summary>Substring of the drop reason.</summary>
    public string? DropReason { get; init; }
    public double? MinPassRate { get; init; }
    public double? MaxPassRate { get; init; }
    public ReviewState? ReviewState { get; init; }
    public InstructionOrigin? Origin { get; init; }

    public static InstructionGridFilter None { get; } = new();
}
