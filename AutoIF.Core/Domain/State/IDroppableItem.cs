namespace AutoIF.Core.Domain.State;

/// <summary>
/// An item a filter keeps or drops. Test cases and queries are only this: nobody reviews them and their stage is fixed
/// (cross-validation, the query filter).
/// </summary>
public interface IDroppableItem
{
    ItemStatus Status { get; }
}
