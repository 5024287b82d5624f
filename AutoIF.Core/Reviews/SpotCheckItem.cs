using AutoIF.Core.Reports;

namespace AutoIF.Core.Reviews;

/// <summary>What a reviewer sees for one queued instruction or verifier; <see cref="Kind"/> is a verifier's (a function or a question), null for an instruction.</summary>
public sealed record SpotCheckItem(
    ReviewTarget Target,
    long Id,
    int RunId,
    string RunName,
    int InstructionId,
    string InstructionText,
    string? Source,
    CompileStatus? CompileStatus,
    ItemStatus Status,
    PipelineStage? DropStage,
    string? DropReason,
    double? Score,
    ReviewState ReviewState,
    bool IsDemo,
    IReadOnlyList<ReviewRow> History,
    VerifierKind? Kind);
