using AutoIF.Core.Audit;
using AutoIF.Core.Domain;
using AutoIF.Core.Import;
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
/// Each action that changes a run is written to the run's audit list under the host's <see cref="IActingUser"/>
/// (decision 033), after it succeeded: a refused action changed nothing, so there is nothing to record.
/// </summary>
public sealed class RunControl(
    RunService runs, RunScheduler scheduler, RunDeleter deleter, RunSummaryQuery summaries, RunReportQuery reports, ReverificationStore reverifications,
    RunEstimator estimator, RunImporter importer, VerifierVersions verifierVersions, VerifierRegenerator regenerator, AuditLog audit, IActingUser actor)
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
        await AuditAsync(run.Id, AuditActions.Create, $"run '{run.Name}'", cancellationToken);
        if (start)
        {
            await StartAsync(run.Id, cancellationToken);
        }
        return new RunRef(run.Id, run.Name);
    }

    /// <summary>Queues the run for the job server; completed stages are skipped, so this also resumes. Returns the job id.</summary>
    public async Task<string> StartAsync(int runId, CancellationToken cancellationToken = default)
    {
        var job = await scheduler.StartAsync(runId, cancellationToken);
        await AuditAsync(runId, AuditActions.Start, $"job {job}", cancellationToken);
        return job;
    }

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
    public async Task<string> StartOnlineRoundAsync(int runId, CancellationToken cancellationToken = default)
    {
        var job = await scheduler.StartOnlineRoundAsync(runId, cancellationToken);
        await AuditAsync(runId, AuditActions.OnlineRound, $"job {job}", cancellationToken);
        return job;
    }

    /// <summary>Queues a re-verification of the run (or one instruction) with the verifiers' current versions; returns its id.</summary>
    public async Task<int> ReverifyAsync(int runId, int? instructionId = null, CancellationToken cancellationToken = default)
    {
        var id = await reverifications.CreateAsync(runId, instructionId, cancellationToken);
        scheduler.StartReverify(id);
        await AuditAsync(runId, AuditActions.Reverify, instructionId is { } one ? $"re-verification #{id} of instruction #{one}" : $"re-verification #{id}", cancellationToken);
        return id;
    }

    /// <summary>The run's re-verifications, newest first, with their diffs.</summary>
    public Task<IReadOnlyList<ReverificationRecord>> ReverificationsAsync(int runId, CancellationToken cancellationToken = default) =>
        reverifications.ListAsync(runId, cancellationToken);

    /// <summary>Stops the run at its next batch and removes its queued job; its data stays and it can be resumed.</summary>
    public async Task CancelAsync(int runId, CancellationToken cancellationToken = default)
    {
        await scheduler.CancelAsync(runId, cancellationToken);
        await AuditAsync(runId, AuditActions.Cancel, null, cancellationToken);
    }

    /// <summary>A new draft run with <paramref name="settings"/> and the source's query pool.</summary>
    public async Task<RunRef> CloneAsync(int sourceRunId, string newName, RunSettings settings, CancellationToken cancellationToken = default)
    {
        // The page shows a run that another window or a command may have deleted since.
        if (await runs.FindAsync(sourceRunId, cancellationToken) is null)
        {
            throw new ArgumentException($"There is no run #{sourceRunId} to clone (was it deleted?).");
        }
        var clone = await runs.CloneAsync(sourceRunId, newName, settings, cancellationToken);
        await AuditAsync(clone.Id, AuditActions.Clone, $"run '{clone.Name}' from run #{sourceRunId}", cancellationToken);
        return new RunRef(clone.Id, clone.Name);
    }

    /// <summary>A new draft run with the source's settings changed by <paramref name="overrides"/> (<c>Key=Value</c> as in <c>--set</c>).</summary>
    public async Task<RunRef> CloneAsync(string sourceName, string newName, IEnumerable<KeyValuePair<string, string>> overrides, CancellationToken cancellationToken = default)
    {
        var clone = await runs.CloneAsync(sourceName, newName, overrides, cancellationToken);
        await AuditAsync(clone.Id, AuditActions.Clone, $"run '{clone.Name}' from run '{sourceName}'", cancellationToken);
        return new RunRef(clone.Id, clone.Name);
    }

    /// <summary>What deleting the run would remove, for the question asked first.</summary>
    public Task<RunDeletionPreview> PreviewDeleteAsync(int runId, CancellationToken cancellationToken = default) => deleter.PreviewAsync(runId, cancellationToken);

    /// <summary>Deletes the run with its rows, export files and the model calls no other run uses; refuses a running or queued run.</summary>
    public async Task<RunDeletion> DeleteAsync(int runId, CancellationToken cancellationToken = default)
    {
        var deletion = await deleter.DeleteAsync(runId, cancellationToken);
        // Entries have no foreign key to the run, so the delete stays on record (and `run audit` finds it by id).
        await AuditAsync(runId, AuditActions.Delete, deletion.Describe(), cancellationToken);
        return deletion;
    }

    /// <summary>Imports a file into the run named <paramref name="runName"/> (made when missing); a malformed file is rejected whole.</summary>
    public async Task<ImportResult> ImportAsync(string format, Stream file, string fileName, string runName, ImportOptions options, CancellationToken cancellationToken = default)
    {
        var result = await importer.ImportAsync(format, file, fileName, runName, options, cancellationToken);
        await AuditAsync(result.RunId, AuditActions.Import, $"{result.Format} '{result.File}': {result.Summary}", cancellationToken);
        return result;
    }

    /// <summary>Saves <paramref name="source"/> as the next version of the verifier <paramref name="verifierId"/> names (decision 026).</summary>
    public async Task<VerifierVersionInfo> EditVerifierAsync(int verifierId, string source, string? note, CancellationToken cancellationToken = default)
    {
        var saved = await verifierVersions.EditAsync(verifierId, source, note, cancellationToken);
        await AuditAsync(saved.RunId, AuditActions.VerifierEdit, Describe(saved), cancellationToken);
        return saved;
    }

    /// <summary>
    /// Asks the supervision model again for the instruction of the verifier <paramref name="verifierId"/> names and saves its
    /// function as the next version (decision 032); an <see cref="InvalidOperationException"/> saying why when the model
    /// gave no usable function (a dead endpoint, an answer without code), and then nothing is saved or recorded.
    /// </summary>
    public async Task<VerifierVersionInfo> RegenerateVerifierAsync(int verifierId, string? note, CancellationToken cancellationToken = default)
    {
        var saved = await regenerator.ExecuteAsync(verifierId, note, cancellationToken);
        await AuditAsync(saved.RunId, AuditActions.VerifierRegenerate, Describe(saved), cancellationToken);
        return saved;
    }

    private static string Describe(VerifierVersionInfo saved) =>
        $"verifier #{saved.Id} v{saved.Version} of instruction #{saved.InstructionId}" + (saved.Note is { } n ? $": {n}" : "");

    /// <summary>One page of the run's audit list, newest first.</summary>
    public Task<AuditPage> AuditPageAsync(int runId, int page = 0, int pageSize = 20, CancellationToken cancellationToken = default) =>
        audit.PageAsync(runId, page, pageSize, cancellationToken);

    /// <summary>
    /// Records work a front end does in its own process instead of through the job queue (the CLI's <c>--wait</c>,
    /// <c>verify</c>, <c>online-round</c>, <c>--reverify</c>), so the audit list has it as if it were queued.
    /// </summary>
    public Task RecordWorkHereAsync(int runId, string action, string? detail, CancellationToken cancellationToken = default) =>
        AuditAsync(runId, action, detail, cancellationToken);

    private async Task AuditAsync(int runId, string action, string? detail, CancellationToken cancellationToken) =>
        await audit.RecordAsync(runId, await actor.NameAsync(), action, detail, cancellationToken);
}
