using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Domain;

public class Instruction : IReviewedItem
{
    public int Id { get; init; }
    public int RunId { get; init; }
    public required string Text { get; set; }
    /// <summary>Hash of the normalised text; finds exact duplicates within a run.</summary>
    public required string TextHash { get; set; }
    public InstructionOrigin Origin { get; init; }
    public int? SeedId { get; init; }
    public ItemStatus Status { get; set; }
    public PipelineStage? DropStage { get; set; }
    /// <summary>See <see cref="IDroppableItem.DropReasonCode"/>.</summary>
    public string? DropReasonCode { get; set; }
    public string? DropReasonArgs { get; set; }
    /// <summary>The code's rendering (<see cref="DropReasons"/>), stored for search and display.</summary>
    public string? DropReason { get; set; }
    /// <summary>Share of kept responses that passed verification; null until Verify ran.</summary>
    public double? PassRate { get; set; }
    public ReviewState ReviewState { get; set; }
    public bool IsDemo { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public Run? Run { get; init; }
    public List<Verifier> Verifiers { get; init; } = [];
    public List<TestCase> TestCases { get; init; } = [];
}
