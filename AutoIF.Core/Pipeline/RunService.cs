using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>Creating, cloning, cancelling and looking up runs: the same code for the Runs page and the CLI.</summary>
public sealed class RunService(IDbContextFactory<AutoIfDbContext> contextFactory, RunLiveness liveness, TimeProvider clock)
{
    public async Task<Run> CreateAsync(string name, RunSettings settings, CancellationToken cancellationToken = default)
    {
        var trimmed = CheckName(name);
        RunSettingsEditor.Validate(settings);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Runs.AnyAsync(r => r.Name == trimmed, cancellationToken))
        {
            throw new ArgumentException($"A run named '{trimmed}' already exists.");
        }
        var run = new Run { Name = trimmed, Settings = settings, Status = RunStatus.Draft, CreatedAt = clock.GetUtcNow() };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>
    /// A new draft run with the source's settings plus overrides and a copy of its query pool (re-filtered by the
    /// Queries stage). Cached LLM calls are shared, so prompts the source already sent cost nothing.
    /// </summary>
    public async Task<Run> CloneAsync(string sourceName, string newName, IEnumerable<KeyValuePair<string, string>> overrides, CancellationToken cancellationToken = default)
    {
        var source = await GetAsync(sourceName, cancellationToken);
        return await CloneAsync(source.Id, newName, RunSettingsEditor.Apply(source.Settings, overrides), cancellationToken);
    }

    /// <inheritdoc cref="CloneAsync(string, string, IEnumerable{KeyValuePair{string, string}}, CancellationToken)"/>
    public async Task<Run> CloneAsync(int sourceRunId, string newName, RunSettings settings, CancellationToken cancellationToken = default)
    {
        var clone = await CreateAsync(newName, settings, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == clone.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClonedFromRunId, sourceRunId), cancellationToken);
        var pool = await db.Queries.AsNoTracking().Where(q => q.RunId == sourceRunId && q.Source != "built-in").ToListAsync(cancellationToken);
        db.Queries.AddRange(pool.Select(q => new Query { RunId = clone.Id, Text = q.Text, TextHash = q.TextHash, Source = q.Source, Length = q.Length }));
        await db.SaveChangesAsync(cancellationToken);
        return clone;
    }

    public async Task<Run> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Name == name, cancellationToken)
            ?? throw new ArgumentException($"There is no run named '{name}'.");
    }

    public async Task<Run?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>
    /// Marks the run queued for a job to start or resume it. Refuses a run a process works on (its lock is held) and one
    /// already queued; an interrupted run (marked running, its process gone) is queued again.
    /// </summary>
    public async Task MarkQueuedAsync(int runId, CancellationToken cancellationToken = default)
    {
        var run = await FindAsync(runId, cancellationToken) ?? throw new ArgumentException($"There is no run #{runId}.");
        switch (await liveness.StateAsync(run.Id, run.Status, cancellationToken))
        {
            case RunState.Running:
                throw new InvalidOperationException($"Run '{run.Name}' is already running: another process (the app's job server or a command) works on it.");
            case RunState.Queued:
                throw new InvalidOperationException($"Run '{run.Name}' is already queued: it waits for a job server to take it.");
        }
        if (!await QueueAsync(runId, run.Status, cancellationToken))
        {
            throw new InvalidOperationException($"Run '{run.Name}' changed while it was being queued (another process started or cancelled it); look at its status and try again.");
        }
    }

    /// <summary>
    /// Marks the run queued for the caller, which holds the run's lock and so is the only process that can work on it:
    /// whatever the run was (an interrupted run, or one queued for a job server that this process runs instead), it is its now.
    /// </summary>
    public async Task TakeOverAsync(int runId, CancellationToken cancellationToken = default)
    {
        if (!await QueueAsync(runId, expected: null, cancellationToken))
        {
            throw new ArgumentException($"There is no run #{runId}.");
        }
    }

    public async Task SetJobIdAsync(int runId, string jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, jobId), cancellationToken);
    }

    /// <summary>Runs stored as queued or running, with their job: those the job server's sweep looks at.</summary>
    public async Task<IReadOnlyList<UnfinishedRun>> UnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Running || r.Status == RunStatus.Queued)
            .OrderBy(r => r.Id).Select(r => new UnfinishedRun(r.Id, r.Status, r.JobId)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Queues the run for <paramref name="jobId"/> if it is still as the sweep saw it (status and job); false when something
    /// else changed it meanwhile (a user's start or cancel, another app instance's sweep), which then has the last word.
    /// </summary>
    public async Task<bool> TryRequeueAsync(UnfinishedRun seen, string jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.Id == seen.Id && r.Status == seen.Status && r.JobId == seen.JobId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Queued).SetProperty(r => r.JobId, jobId)
                .SetProperty(r => r.Error, (string?)null).SetProperty(r => r.FinishedAt, (DateTimeOffset?)null), cancellationToken) == 1;
    }

    // Only if the status is still the one the caller decided on, so two processes cannot both queue the same run.
    private async Task<bool> QueueAsync(int runId, RunStatus? expected, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = db.Runs.Where(r => r.Id == runId);
        if (expected is { } status)
        {
            run = run.Where(r => r.Status == status);
        }
        return await run.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Queued)
            .SetProperty(r => r.Error, (string?)null).SetProperty(r => r.FinishedAt, (DateTimeOffset?)null), cancellationToken) == 1;
    }

    /// <summary>
    /// Sets the run's Run:MaxModelCalls (null: no limit), the one setting that may change after a run was created: a run
    /// paused at its budget continues with a higher one. Refused while a process works on the run or it is queued.
    /// </summary>
    public async Task SetModelCallBudgetAsync(int runId, int? maxModelCalls, CancellationToken cancellationToken = default)
    {
        var run = await FindAsync(runId, cancellationToken) ?? throw new ArgumentException($"There is no run #{runId}.");
        if (await liveness.StateAsync(run.Id, run.Status, cancellationToken) is RunState.Running or RunState.Queued)
        {
            throw new InvalidOperationException($"Run '{run.Name}' is working or queued: its model-call budget changes only while it is stopped.");
        }
        var value = maxModelCalls?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
        var settings = RunSettingsEditor.Apply(run.Settings, [new KeyValuePair<string, string>("Run:MaxModelCalls", value)]);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
        stored.Settings = settings;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Stops the run at its next batch boundary; its data stays and it can be resumed.</summary>
    public async Task<string?> CancelAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.Status is not (RunStatus.Running or RunStatus.Queued))
        {
            throw new InvalidOperationException($"Run '{run.Name}' is {run.Status.ToString().ToLowerInvariant()}, not running.");
        }
        run.Status = RunStatus.Cancelled;
        run.FinishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return run.JobId;
    }

    private static string CheckName(string name)
    {
        var trimmed = name.Trim();
        if (trimmed.Length == 0 || trimmed.Length > 200)
        {
            throw new ArgumentException("A run name needs 1 to 200 characters.");
        }
        return trimmed;
    }
}
