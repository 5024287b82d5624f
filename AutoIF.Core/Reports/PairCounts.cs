namespace AutoIF.Core.Reports;

/// <summary>A run's DPO pairs: how many the builder stored, and how many count and export after human decisions (<see cref="Domain.State.PairEffectiveStatus"/>).</summary>
public sealed record PairCounts(long Built, long KeptAfterReview);
