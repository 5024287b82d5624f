namespace AutoIF.Core.Domain;

/// <summary>The latest human decision on an item; it overrides the automatic status in stats and exports.</summary>
public enum ReviewState
{
    None = 0,
    Approved = 1,
    Rejected = 2,
}
