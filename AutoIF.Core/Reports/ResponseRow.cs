namespace AutoIF.Core.Reports;

/// <summary>A sampled response (its answer, and apart from it the reasoning a reasoning model wrote, null when none) with its per-verifier verdicts, accuracy and judge score.</summary>
public sealed record ResponseRow(
    long Id,
    string Prompt,
    string Text,
    string? Reasoning,
    ResponseOrigin Origin,
    int SampleIndex,
    int Round,
    double? Accuracy,
    double? JudgeScore,
    string? JudgeRationale,
    ItemStatus Status,
    PipelineStage? DropStage,
    string? DropReason,
    ReviewState ReviewState,
    bool IsDemo,
    IReadOnlyList<ResponseVerdict> Verdicts);
