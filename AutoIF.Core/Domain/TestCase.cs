using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Domain;

public class TestCase : IDroppableItem
{
    public int Id { get; init; }
    public int RunId { get; init; }
    public int InstructionId { get; init; }
    public required string Input { get; init; }
    /// <summary>The expected output as a boolean (under strict parsing, how the value as written reads: "True" and 1 as true).</summary>
    public bool Expected { get; init; }
    /// <summary>The expected output exactly as written (JSON), kept under strict parsing; null when it was read as <see cref="Expected"/>. See <see cref="ExpectedOutput"/>.</summary>
    public string? ExpectedJson { get; init; }
    /// <summary>Generated with a verifier sample, or a self-test built to fail (empty text, opposite constraint).</summary>
    public bool IsSelfTest { get; init; }
    /// <summary>Share of compiled functions whose verdict matches <see cref="Expected"/> (criterion b).</summary>
    public double? Agreement { get; set; }
    public ItemStatus Status { get; set; }
    /// <summary>See <see cref="IDroppableItem.DropReasonCode"/>.</summary>
    public string? DropReasonCode { get; set; }
    public string? DropReasonArgs { get; set; }
    /// <summary>The code's rendering (<see cref="DropReasons"/>), stored for search and display.</summary>
    public string? DropReason { get; set; }
    /// <summary>The verifier sample the case was generated with.</summary>
    public int? VerifierId { get; init; }

    public Verifier? Verifier { get; init; }
}
