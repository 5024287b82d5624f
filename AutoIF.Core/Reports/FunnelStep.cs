namespace AutoIF.Core.Reports;

/// <summary>One step of a run's funnel: how many items reached it and, for the items it dropped, why.</summary>
public sealed record FunnelStep(string Name, string Unit, long Count, IReadOnlyList<DropCount> Dropped)
{
    public long DroppedCount => Dropped.Sum(d => d.Count);
}
