namespace AutoIF.Core.Reports;

/// <summary>The dashboard's distributions of one run, bucketed in SQL.</summary>
public sealed record RunHistograms(
    IReadOnlyList<HistogramBucket> VerifierCaseAccuracy,
    IReadOnlyList<HistogramBucket> ResponseAccuracy,
    IReadOnlyList<HistogramBucket> JudgeScores);
