namespace AutoIF.Core.Verifiers;

/// <summary>One verifier's verdicts that changed: its current version against the last version that judged each response.</summary>
public sealed record VerifierFlips(int VerifierId, int Version, int? FromVersion, int InstructionId, int TrueToFalse, int FalseToTrue, IReadOnlyList<VerdictFlip> Examples);
