namespace AutoIF.Core.Reports;

/// <summary>
/// What the Instructions grid shows. Every field is optional; the same filter feeds the page query and its count.
/// <see cref="Search"/> is a full-text search over the instruction text (see <see cref="TextSearch"/>: whole words, all of
/// them, "quoted phrases", a trailing * for words starting with it), served by the full-text index.
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
    /// <summary>Only instructions augmented from prompts that showed this seed instruction (its id).</summary>
    public int? FromSeed { get; init; }

    public static InstructionGridFilter None { get; } = new();
}
