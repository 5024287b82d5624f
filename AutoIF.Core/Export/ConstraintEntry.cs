namespace AutoIF.Core.Export;

/// <summary>
/// One constraint of a response whose prompt carries several (decision 024), as the scores record lists it:
/// <c>{"instruction_id", "instruction", "accuracy", "passed", "verdicts"}</c>, the verdicts those of that instruction's verifiers.
/// </summary>
public sealed record ConstraintEntry(int InstructionId, string Instruction, double Accuracy, bool Passed, IReadOnlyList<VerdictEntry> Verdicts);
