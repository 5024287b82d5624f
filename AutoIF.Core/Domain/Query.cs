using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Domain;

/// <summary>A real user query from a run's pool.</summary>
public class Query : IDroppableItem
{
    public int Id { get; init; }
    public int RunId { get; init; }
    public required string Text { get; init; }
    public required string TextHash { get; init; }
    /// <summary>File name the query came from, or "built-in".</summary>
    public required string Source { get; init; }
    public int Length { get; init; }
    public ItemStatus Status { get; set; }
    /// <summary>See <see cref="IDroppableItem.DropReasonCode"/>.</summary>
    public string? DropReasonCode { get; set; }
    public string? DropReasonArgs { get; set; }
    /// <summary>The code's rendering (<see cref="DropReasons"/>), stored for search and display.</summary>
    public string? DropReason { get; set; }
}
