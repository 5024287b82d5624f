using System.Linq.Expressions;
using AutoIF.Core.Domain.State;
using Microsoft.EntityFrameworkCore.Query;

namespace AutoIF.Core.Storage;

/// <summary>
/// A reason written in an ExecuteUpdate: code, arguments and text together; a drop: status, stage and reason together;
/// as <see cref="DropReasonWriting"/> does on an entity.
/// </summary>
public static class DropReasonUpdates
{
    public static UpdateSettersBuilder<T> SetDropReason<T>(this UpdateSettersBuilder<T> setters, CodedDropReason? reason) where T : IDroppableItem
    {
        ArgumentNullException.ThrowIfNull(setters);
        return setters
            .SetProperty(Column<T, string?>(nameof(IDroppableItem.DropReasonCode)), reason?.Code)
            .SetProperty(Column<T, string?>(nameof(IDroppableItem.DropReasonArgs)), reason?.ArgumentsJson)
            .SetProperty(Column<T, string?>(nameof(IDroppableItem.DropReason)), reason?.Text);
    }

    /// <summary>Drops the rows at <paramref name="stage"/> for <paramref name="reason"/>.</summary>
    public static UpdateSettersBuilder<T> SetDropped<T>(this UpdateSettersBuilder<T> setters, PipelineStage stage, CodedDropReason reason) where T : IReviewedItem
    {
        ArgumentNullException.ThrowIfNull(setters);
        return setters
            .SetProperty(Column<T, ItemStatus>(nameof(IReviewedItem.Status)), ItemStatus.Dropped)
            .SetProperty(Column<T, PipelineStage?>(nameof(IReviewedItem.DropStage)), stage)
            .SetDropReason(reason);
    }

    // x => x.Name on the entity type itself, not through the interface, so EF sees a plain property access.
    private static Expression<Func<T, TValue>> Column<T, TValue>(string name)
    {
        var item = Expression.Parameter(typeof(T), "item");
        return Expression.Lambda<Func<T, TValue>>(Expression.Property(item, name), item);
    }
}
