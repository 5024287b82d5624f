using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Domain;

/// <summary>
/// A preference pair: a chosen and a rejected response of one prompt (query level) or test case of one instruction
/// (instruction level). It carries the item state like the items it contrasts; whether it counts and exports is
/// <see cref="PairEffectiveStatus"/>, which also reads the sides' reviews.
/// </summary>
public class DpoPair : IReviewedItem
{
    public long Id { get; init; }
    public int RunId { get; init; }
    public int InstructionId { get; init; }
    public PairLevel Level { get; init; }
    public int? PromptId { get; init; }
    public long? ChosenResponseId { get; init; }
    public long? RejectedResponseId { get; init; }
    public int? ChosenCaseId { get; init; }
    public int? RejectedCaseId { get; init; }
    public double ChosenAccuracy { get; init; }
    public double RejectedAccuracy { get; init; }
    public int Round { get; init; }

    /// <summary>Kept when built: the builder stores only pairs that pass its rules (pairs made before this column read as kept).</summary>
    public ItemStatus Status { get; set; } = ItemStatus.Kept;
    public PipelineStage? DropStage { get; set; }
    /// <summary>See <see cref="IDroppableItem.DropReasonCode"/>.</summary>
    public string? DropReasonCode { get; set; }
    public string? DropReasonArgs { get; set; }
    /// <summary>The code's rendering (<see cref="DropReasons"/>), stored for search and display.</summary>
    public string? DropReason { get; set; }
    public ReviewState ReviewState { get; set; }
}
