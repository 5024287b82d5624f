namespace AutoIF.Core.Domain.State;

/// <summary>A reason written on an entity: code, arguments and text together (in an ExecuteUpdate: <c>DropReasonUpdates</c>).</summary>
public static class DropReasonWriting
{
    public static void SetDropReason(this IDroppableItem item, CodedDropReason? reason)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.DropReasonCode = reason?.Code;
        item.DropReasonArgs = reason?.ArgumentsJson;
        item.DropReason = reason?.Text;
    }
}
