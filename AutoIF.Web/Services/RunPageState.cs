using AutoIF.Core.Domain;
using AutoIF.Core.Reports;
using AutoIF.Web.UseCases;

namespace AutoIF.Web.Services;

/// <summary>
/// State of a run's page for one circuit: the run's report (state, settings, stages, funnel) and the error of the last
/// load. A poll reloads only while the run moves: active, or interrupted and about to be picked up by the job server's sweep.
/// </summary>
public sealed class RunPageState(RunControl runs)
{
    public int RunId { get; private set; }

    public RunReport? Report { get; private set; }

    public string? Error { get; private set; }

    /// <summary>True once a load finished: with <see cref="Report"/> null, there is no such run.</summary>
    public bool Loaded { get; private set; }

    public bool IsMoving => Report?.Summary is { IsActive: true } or { State: RunState.Interrupted };

    public async Task LoadAsync(int runId, CancellationToken cancellationToken = default)
    {
        if (runId != RunId)
        {
            // Another run's numbers must not show under this one's name while it loads.
            (RunId, Report, Loaded) = (runId, null, false);
        }
        try
        {
            Report = await runs.ReportAsync(runId, cancellationToken);
            Error = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Error = $"Could not load run {runId}: {ex.Message}";
        }
        Loaded = true;
    }

    /// <summary>One live update; nothing to do for a run that stands still.</summary>
    public Task PollAsync(CancellationToken cancellationToken = default) => IsMoving ? LoadAsync(RunId, cancellationToken) : Task.CompletedTask;
}
