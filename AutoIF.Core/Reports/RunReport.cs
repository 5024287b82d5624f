namespace AutoIF.Core.Reports;

/// <summary>
/// Everything the run page and <c>run status</c> say about one run: what it is doing, its settings, each stage's
/// progress in pipeline order and the funnel with its drop reasons. Both read it from <see cref="RunReportQuery"/>, so
/// they cannot tell different stories.
/// </summary>
public sealed record RunReport(RunSummary Summary, RunSettings Settings, IReadOnlyList<StageRow> Stages, IReadOnlyList<FunnelStep> Funnel)
{
    /// <summary>The profile and every setting changed from it, one line.</summary>
    public string ProfileSummary => RunSettingsEditor.ProfileSummary(Settings);
}
