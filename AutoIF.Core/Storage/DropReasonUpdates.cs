using System.Linq.Expressions;
using AutoIF.Core.Domain.State;
using Microsoft.EntityFrameworkCore.Query;

namespace AutoIF.Core.Storage;

/// <summary>A reason written in an ExecuteUpdate: code, arguments and text together, as <see cref="DropReasonWriting"/> does on an entity.</summary>
public static class DropReasonUpdates
{
    public static UpdateSettersBuilder<T> SetDropReason<T>(this UpdateSettersBuilder<T> setters, CodedDropReason? reason) where T : IDroppableItem
    {
        ArgumentNullException.ThrowIfNull(setters);
        return setters
            .SetProperty(Column<T>(nameof(IDroppableItem.DropReasonCode)), reason?.Code)
            .SetProperty(Column<T>(nameof(IDroppableItem.DropReasonArgs)), reason?.ArgumentsJson)
            .SetProperty(Column<T>(nameof(IDroppableItem.DropReason)), reason?.Text);
    }

    // x => x.Name on the entity type itself, not through the interface, so EF sees a plain property access.
    private static Expression<Func<T, string?>> Column<T>(string name)
    {
        var item = Expression.Parameter(typeof(T), "item");
        return Expression.Lambda<Func<T, string?>>(Expression.Property(item, name), item);
    }
}
