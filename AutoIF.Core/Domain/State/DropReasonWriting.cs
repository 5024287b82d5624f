namespace AutoIF.Core.Domain.State;

/// <summary>
/// A reason written on an entity: code, arguments and text together; a drop: status, stage and reason together (in an
/// ExecuteUpdate: <c>DropReasonUpdates</c>).
/// </summary>
public static class DropReasonWriting
{
    public static void SetDropReason(this IDroppableItem item, CodedDropReason? reason)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.DropReasonCode = reason?.Code;
        item.DropReasonArgs = reason?.ArgumentsJson;
        item.DropReason = reason?.Text;
    }

    /// <summary>Drops <paramref name="item"/> at <paramref name="stage"/> for <paramref name="reason"/>.</summary>
    public static void Drop(this IReviewedItem item, PipelineStage stage, CodedDropReason reason)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Status = ItemStatus.Dropped;
        item.DropStage = stage;
        item.SetDropReason(reason);
    }
}
