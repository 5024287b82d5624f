using AutoIF.Core.Domain;

namespace AutoIF.Core.Rewards;

/// <summary>One kept verifier's verdict on a rollout's answer.</summary>
public sealed record VerifierVerdict(int VerifierId, VerdictKind Verdict, string? Detail);
