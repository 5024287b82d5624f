using AutoIF.Core.Llm;
using AutoIF.Core.Reports;
using AutoIF.Core.Reviews;

namespace AutoIF.Web.Services;

/// <summary>The selected run's charts on the dashboard.</summary>
public sealed record RunDashboard(
    int RunId,
    IReadOnlyList<FunnelStep> Funnel,
    RunHistograms Histograms,
    IReadOnlyList<LlmUsageRow> Usage,
    IReadOnlyList<ReviewAgreement> Agreement,
    ReviewOverrides Overrides,
    PairCounts Pairs,
    IReadOnlyList<DifficultyRow> ByDifficulty,
    IReadOnlyList<VerifierCalibration> Calibration,
    ReviewerAgreement Reviewers);
