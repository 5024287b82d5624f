namespace AutoIF.Core.Reports;

/// <summary>
/// A failing verifier with the reason: the compile error or drop reason, or for run-time failures the first failing
/// call's detail and how many case and response calls failed that way.
/// </summary>
public sealed record FailingVerifierRow(
    int VerifierId,
    int InstructionId,
    int RunId,
    string RunName,
    string Instruction,
    FailureKind Kind,
    string? Reason,
    int FailedCalls,
    ItemStatus Status,
    ReviewState ReviewState,
    bool IsDemo)
{
    /// <summary>The question's text when the verifier is a question (decision 034); null for a function.</summary>
    public string? Question { get; init; }
}
