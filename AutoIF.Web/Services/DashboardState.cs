using AutoIF.Core.Llm;
using AutoIF.Core.Reports;
using AutoIF.Core.Reviews;

namespace AutoIF.Web.Services;

/// <summary>
/// State of the dashboard for one circuit: the runs with their progress and the selected run's charts. A poll reloads
/// the runs, and the charts only while the selected run is active (a finished run's numbers do not move).
/// </summary>
public sealed class DashboardState(
    DashboardQuery dashboard, RunFunnelQuery funnel, LlmUsageQueries usage, ReviewService reviews, DifficultyQuery difficulty, CalibrationQuery calibration)
{
    public IReadOnlyList<DashboardRun>? Runs { get; private set; }

    public RunDashboard? Selected { get; private set; }

    public int? SelectedRunId { get; private set; }

    public string? Error { get; private set; }

    public DashboardRun? SelectedRun => Runs?.FirstOrDefault(r => r.Id == SelectedRunId);

    public bool AnyActive => Runs?.Any(r => r.IsActive) == true;

    /// <summary>Full reload; <paramref name="runId"/> selects a run (the newest when null or unknown).</summary>
    public async Task LoadAsync(int? runId, CancellationToken cancellationToken = default)
    {
        try
        {
            Runs = await dashboard.RunsAsync(cancellationToken);
            SelectedRunId = Runs.Any(r => r.Id == runId) ? runId : Runs.Count > 0 ? Runs[0].Id : null;
            Selected = SelectedRunId is { } id ? await LoadRunAsync(id, cancellationToken) : null;
            Error = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Error = $"Could not load the dashboard: {ex.Message}";
        }
    }

    /// <summary>One live update: statuses and progress always, charts while the selected run works or just stopped.</summary>
    public async Task PollAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var wasActive = SelectedRun?.IsActive == true;
            Runs = await dashboard.RunsAsync(cancellationToken);
            if (SelectedRunId is { } id && (wasActive || SelectedRun?.IsActive == true))
            {
                Selected = await LoadRunAsync(id, cancellationToken);
            }
            Error = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Error = $"Could not refresh the dashboard: {ex.Message}";
        }
    }

    private async Task<RunDashboard> LoadRunAsync(int runId, CancellationToken cancellationToken) => new(
        runId,
        await funnel.ExecuteAsync(runId, cancellationToken),
        await dashboard.HistogramsAsync(runId, cancellationToken),
        await usage.ByRunAndStageAsync(runId, cancellationToken),
        await reviews.AgreementAsync(runId, cancellationToken),
        await dashboard.OverridesAsync(runId, cancellationToken),
        await dashboard.PairsAsync(runId, cancellationToken),
        await difficulty.ByConstraintsAsync(runId, cancellationToken),
        await calibration.ByKindAsync(runId, cancellationToken),
        await reviews.BetweenReviewersAsync(runId, cancellationToken));
}
