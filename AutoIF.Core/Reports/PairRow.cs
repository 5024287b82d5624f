using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Reports;

/// <summary>
/// One DPO pair of an instruction as its page shows it: the two sides (responses, or test-case inputs at instruction
/// level; null when a side was deleted), the sides' reviews (null for test cases), the pair's own state, and
/// <see cref="Effective"/>, the pair rule on all of them.
/// </summary>
public sealed record PairRow(
    long Id,
    PairLevel Level,
    int Round,
    string? Prompt,
    long? ChosenResponseId,
    long? RejectedResponseId,
    string? Chosen,
    string? Rejected,
    double ChosenAccuracy,
    double RejectedAccuracy,
    ReviewState? ChosenReview,
    ReviewState? RejectedReview,
    ItemStatus Status,
    PipelineStage? DropStage,
    string? DropReason,
    ReviewState ReviewState)
{
    /// <summary>Whether the pair counts and exports: <see cref="PairEffectiveStatus"/>, compiled, on the values shown.</summary>
    public ItemStatus Effective => PairEffectiveStatus.Of(Status, ReviewState, ChosenReview ?? ReviewState.None, RejectedReview ?? ReviewState.None);
}
