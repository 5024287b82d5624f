namespace AutoIF.Core.Reports;

/// <summary>A verifier found by the playground's search; a question (decision 034) is asked of its run's supervision model.</summary>
public sealed record VerifierLookupRow(
    int Id, int InstructionId, string Instruction, string Source, ItemStatus Status, ReviewState ReviewState, bool IsDemo, VerifierKind Kind = VerifierKind.Python, int RunId = 0);
