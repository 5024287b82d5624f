namespace AutoIF.Core.Verifiers;

/// <summary>One funnel step's count, as a diff keeps it.</summary>
public sealed record FunnelCount(string Name, string Unit, long Count);
