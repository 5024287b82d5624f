namespace AutoIF.Core.Reports;

/// <summary>A projected grid row: no entity is loaded for the grid.</summary>
public sealed record InstructionGridRow(
    int Id,
    int RunId,
    string RunName,
    string Text,
    InstructionOrigin Origin,
    ItemStatus Status,
    PipelineStage? DropStage,
    string? DropReason,
    double? PassRate,
    ReviewState ReviewState,
    bool IsDemo,
    int KeptVerifiers,
    int Verifiers);
