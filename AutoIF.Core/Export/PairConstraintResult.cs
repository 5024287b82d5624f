namespace AutoIF.Core.Export;

/// <summary>One constraint of a multi-constraint DPO pair's prompt: both sides' accuracy and pass on it (decision 024).</summary>
public sealed record PairConstraintResult(int InstructionId, double ChosenAccuracy, bool ChosenPassed, double RejectedAccuracy, bool RejectedPassed);
