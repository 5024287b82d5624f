namespace AutoIF.Core.Verifiers;

/// <summary>An item whose effective state changed (<c>kept</c>, <c>dropped</c>, <c>pending</c>), with its reason now.</summary>
public sealed record KeptChange(long Id, string Before, string After, string? Reason);
