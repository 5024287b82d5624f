using AutoIF.Core.Domain;

namespace AutoIF.Core.Rewards;

/// <summary>A kept verifier version as the reward service runs it: Python in the sandbox, or a question asked of the model.</summary>
public sealed record RewardVerifier(int Id, string Source, VerifierKind Kind = VerifierKind.Python);
