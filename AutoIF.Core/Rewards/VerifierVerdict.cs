using AutoIF.Core.Domain;

namespace AutoIF.Core.Rewards;

/// <summary>A kept verifier's verdict on a rollout, with the detail of a verdict that is not true/false, and the verifier's kind (a function or a question).</summary>
public sealed record VerifierVerdict(int VerifierId, VerdictKind Verdict, string? Detail, VerifierKind Kind = VerifierKind.Python);
