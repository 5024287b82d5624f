namespace AutoIF.Core.Reports;

/// <summary>One bar of a histogram: the items with a value in [<see cref="From"/>, <see cref="To"/>) (the last bucket includes its upper end).</summary>
public sealed record HistogramBucket(string Label, double From, double To, long Count);
