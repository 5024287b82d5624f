namespace AutoIF.Core.Domain.State;

/// <summary>
/// An item a filter keeps or drops with a coded reason. Test cases and queries are only this: nobody reviews them and
/// their stage is fixed (cross-validation, the query filter). Write a reason with <see cref="DropReasonWriting"/>, which
/// sets the code, its arguments and the text rendered from them together.
/// </summary>
public interface IDroppableItem
{
    ItemStatus Status { get; set; }

    /// <summary>A <see cref="DropReasonCode.Code"/> of <see cref="DropReasons"/>; null while nothing dropped the item.</summary>
    string? DropReasonCode { get; set; }

    /// <summary>The code's arguments as a JSON array of strings, in the order of <see cref="DropReasonCode.ArgumentNames"/>.</summary>
    string? DropReasonArgs { get; set; }

    /// <summary>
    /// The code rendered by <see cref="DropReasons"/>, stored beside it so the grid's "reason contains" filter and a reader
    /// of the database see the text; written only with the code (<see cref="DropReasonWriting"/>).
    /// </summary>
    string? DropReason { get; set; }
}
