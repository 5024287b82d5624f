namespace AutoIF.Core.Reports;

/// <summary>Everything the instruction detail page shows except the (paged) responses.</summary>
public sealed record InstructionDetail(
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
    int ResponseCount,
    IReadOnlyList<VerifierDetail> Verifiers,
    IReadOnlyList<TestCaseRow> TestCases,
    IReadOnlyList<MatrixCell> Matrix,
    IReadOnlyList<BackTranslationRow> BackTranslations,
    IReadOnlyList<ReviewRow> Reviews)
{
    public MatrixCell? Cell(int verifierId, int testCaseId) =>
        Matrix.FirstOrDefault(c => c.VerifierId == verifierId && c.TestCaseId == testCaseId);
}
