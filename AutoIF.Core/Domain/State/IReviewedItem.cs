namespace AutoIF.Core.Domain.State;

/// <summary>
/// An item that carries the whole item state: instructions, verifiers, responses and DPO pairs. The automatic part
/// (<see cref="Status"/>, <see cref="DropStage"/>, the drop reason as a code and its arguments) is what the filters
/// decided; <see cref="ReviewState"/> is the latest human decision. What counts is <see cref="EffectiveStatus"/>.
/// </summary>
public interface IReviewedItem : IDroppableItem
{
    PipelineStage? DropStage { get; set; }
    ReviewState ReviewState { get; }
}
