namespace AutoIF.Core.Domain;

/// <summary>Where an item stands in the filters: not yet decided, kept, or dropped (with stage and reason).</summary>
public enum ItemStatus
{
    Pending = 0,
    Kept = 1,
    Dropped = 2,
}
