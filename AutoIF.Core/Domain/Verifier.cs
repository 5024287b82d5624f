using AutoIF.Core.Domain.State;

namespace AutoIF.Core.Domain;

/// <summary>
/// One version of a verification function. Editing or regenerating makes a new row (new source hash,
/// <see cref="Version"/> + 1, <see cref="PreviousVersionId"/> set); verdicts key on the row, so old verdicts stay comparable.
/// </summary>
public class Verifier : IReviewedItem
{
    public int Id { get; init; }
    public int RunId { get; init; }
    public int InstructionId { get; init; }
    public VerifierKind Kind { get; init; }
    /// <summary>Python source defining <c>evaluate(response)</c>, or the yes/no question for an LLM verifier.</summary>
    public required string Source { get; init; }
    public required string SourceHash { get; init; }
    public int Version { get; init; } = 1;
    public int? PreviousVersionId { get; init; }
    /// <summary>Why this version was made (an edit's note); null for a generated or imported first version.</summary>
    public string? Note { get; init; }
    /// <summary>When this version was made; null for rows from before versions had dates.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>The probe self-test of cross-validation (<c>VerifierSelfTester</c>); <c>constant</c> is read from verdicts, not stored.</summary>
    public VerifierSelfTest SelfTest { get; set; }
    /// <summary>What the self-test saw: the probes and kept False cases the function accepted, as text.</summary>
    public string? SelfTestEvidence { get; set; }
    /// <summary>Which of the K generation samples produced it.</summary>
    public int SampleIndex { get; init; }
    public CompileStatus CompileStatus { get; set; }
    public string? CompileError { get; set; }
    /// <summary>Accuracy on the kept test cases (cross-validation criterion c).</summary>
    public double? CaseAccuracy { get; set; }
    public ItemStatus Status { get; set; }
    public PipelineStage? DropStage { get; set; }
    /// <summary>See <see cref="IDroppableItem.DropReasonCode"/>.</summary>
    public string? DropReasonCode { get; set; }
    public string? DropReasonArgs { get; set; }
    /// <summary>The code's rendering (<see cref="DropReasons"/>), stored for search and display.</summary>
    public string? DropReason { get; set; }
    public ReviewState ReviewState { get; set; }
    public bool IsDemo { get; init; }
    public long? LlmCallId { get; init; }

    public Instruction? Instruction { get; init; }
}
