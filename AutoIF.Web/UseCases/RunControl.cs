using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Pipeline.Estimates;
using AutoIF.Core.Reports;
using AutoIF.Core.Verifiers;
using AutoIF.Web.Jobs;

namespace AutoIF.Web.UseCases;

/// <summary>
/// What a user can do to runs, the same for the Runs pages, the CLI and the HTTP API: list them, read one's report,
/// create, start or resume, cancel, clone, run an online round and delete. It returns records, never entities, and
/// holds no rule of its own: the rules stay in Core (<see cref="RunService"/>, <see cref="RunLiveness"/>,
/// <see cref="RunDeleter"/>) and the job queue (<see cref="RunScheduler"/>), so every front end gets the same ones.
/// </summary>
public sealed class RunControl(
    RunService runs, RunScheduler scheduler, RunDeleter deleter, RunSummaryQuery summaries, RunReportQuery reports, ReverificationStore reverifications, RunEstimator estimator)
{
    /// <summary>Runs newest first, with what each is doing now.</summary>
    public Task<IReadOnlyList<RunSummary>> ListAsync(CancellationToken cancellationToken = default) => summaries.ListAsync(cancellationToken: cancellationToken);

    /// <summary>The run's state, settings, stages and funnel; null when there is no run with this id.</summary>
    public Task<RunReport?> ReportAsync(int runId, CancellationToken cancellationToken = default) => reports.FindAsync(runId, cancellationToken);

    /// <summary>The run named so; an <see cref="ArgumentException"/> naming it when there is none.</summary>
    public async Task<RunRef> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        var run = await runs.GetAsync(name, cancellationToken);
        return new RunRef(run.Id, run.Name);
    }

    /// <summary>A draft run with these settings; queued at once when <paramref name="start"/>.</summary>
    public async Task<RunRef> CreateAsync(string name, RunSettings settings, bool start = false, CancellationToken cancellationToken = default)
    {
        var run = await runs.CreateAsync(name, settings, cancellationToken);
        if (start)
        {
            await scheduler.StartAsync(run.Id, cancellationToken);
        }
        return new RunRef(run.Id, run.Name);
    }

    /// <summary>Queues the run for the job server; completed stages are skipped, so this also resumes. Returns the job id.</summary>
    public Task<string> StartAsync(int runId, CancellationToken cancellationToken = default) => scheduler.StartAsync(runId, cancellationToken);

    /// <summary>The model calls and tokens a run with these settings is expected to need (decision 035).</summary>
    public Task<RunEstimate> EstimateAsync(RunSettings settings, CancellationToken cancellationToken = default) => estimator.EstimateAsync(settings, cancellationToken);

    /// <summary>The estimate of a stored run's settings; an <see cref="ArgumentException"/> when there is no such run.</summary>
    public async Task<RunEstimate> EstimateAsync(int runId, CancellationToken cancellationToken = default)
    {
        var run = await runs.FindAsync(runId, cancellationToken) ?? throw new ArgumentException($"There is no run #{runId}.");
        return await estimator.EstimateAsync(run.Settings, cancellationToken);
    }

    /// <summary>Sets the run's Run:MaxModelCalls (null: no limit) while it is stopped, so a run paused at its budget can go on.</summary>
    public Task SetModelCallBudgetAsync(int runId, int? maxModelCalls, CancellationToken cancellationToken = default) =>
        runs.SetModelCallBudgetAsync(runId, maxModelCalls, cancellationToken);

    /// <summary>Queues one online DPO round of a completed run. Returns the job id.</summary>
    public Task<string> StartOnlineRoundAsync(int runId, CancellationToken cancellationToken = default) => scheduler.StartOnlineRoundAsync(runId, cancellationToken);

    /// <summary>Queues a re-verification of the run (or one instruction) with the verifiers' current versions; returns its id.</summary>
    public async Task<int> ReverifyAsync(int runId, int? instructionId = null, CancellationToken cancellationToken = default)
    {
        var id = await reverifications.CreateAsync(runId, instructionId, cancellationToken);
        scheduler.StartReverify(id);
        return id;
    }

    /// <summary>The run's re-verifications, newest first, with their diffs.</summary>
    public Task<IReadOnlyList<ReverificationRecord>> ReverificationsAsync(int runId, CancellationToken cancellationToken = default) =>
        reverifications.ListAsync(runId, cancellationToken);

    /// <summary>Stops the run at its next batch and removes its queued job; its data stays and it can be resumed.</summary>
    public Task CancelAsync(int runId, CancellationToken cancellationToken = default) => scheduler.CancelAsync(runId, cancellationToken);

    /// <summary>A new draft run with <paramref name="settings"/> and the source's query pool.</summary>
    public async Task<RunRef> CloneAsync(int sourceRunId, string newName, RunSettings settings, CancellationToken cancellationToken = default)
    {
        // The page shows a run that another window or a command may have deleted since.
        if (await runs.FindAsync(sourceRunId, cancellationToken) is null)
        {
            throw new ArgumentException($"There is no run #{sourceRunId} to clone (was it deleted?).");
        }
        var clone = await runs.CloneAsync(sourceRunId, newName, settings, cancellationToken);
        return new RunRef(clone.Id, clone.Name);
    }

    /// <summary>A new draft run with the source's settings changed by <paramref name="overrides"/> (<c>Key=Value</c> as in <c>--set</c>).</summary>
    public async Task<RunRef> CloneAsync(string sourceName, string newName, IEnumerable<KeyValuePair<string, string>> overrides, CancellationToken cancellationToken = default)
    {
        var clone = await runs.CloneAsync(sourceName, newName, overrides, cancellationToken);
        return new RunRef(clone.Id, clone.Name);
    }

    /// <summary>What deleting the run would remove, for the question asked first.</summary>
    public Task<RunDeletionPreview> PreviewDeleteAsync(int runId, CancellationToken cancellationToken = default) => deleter.PreviewAsync(runId, cancellationToken);

    /// <summary>Deletes the run with its rows, export files and the model calls no other run uses; refuses a running or queued run.</summary>
    public Task<RunDeletion> DeleteAsync(int runId, CancellationToken cancellationToken = default) => deleter.DeleteAsync(runId, cancellationToken);
}
