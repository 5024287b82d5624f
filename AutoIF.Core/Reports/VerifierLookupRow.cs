namespace AutoIF.Core.Reports;

/// <summary>A verifier found by the playground's search.</summary>
public sealed record VerifierLookupRow(int Id, int InstructionId, string Instruction, string Source, ItemStatus Status, ReviewState ReviewState, bool IsDemo);
