namespace AutoIF.Core.Reports;

/// <summary>One verifier as the instruction detail page shows it.</summary>
public sealed record VerifierDetail(
    int Id,
    int SampleIndex,
    int Version,
    VerifierKind Kind,
    string Source,
    CompileStatus CompileStatus,
    string? CompileError,
    double? CaseAccuracy,
    ItemStatus Status,
    PipelineStage? DropStage,
    string? DropReason,
    ReviewState ReviewState,
    bool IsDemo);
