namespace AutoIF.Core.Pipeline;

/// <summary>A verifier call whose verdict the timeout probe already has, as a chunk's plan stores it.</summary>
public sealed record DecidedCall(int VerifierId, long ResponseId, VerdictKind Kind, string? Detail);
