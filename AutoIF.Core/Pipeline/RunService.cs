using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>Creating, cloning, cancelling and looking up runs: the same code for the Runs page and the CLI.</summary>
public sealed class RunService(IDbContextFactory<AutoIfDbContext> contextFactory, TimeProvider clock)
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
        return await CloneAsync(source, newName, RunSettingsEditor.Apply(source.Settings, overrides), cancellationToken);
    }

    /// <inheritdoc cref="CloneAsync(string, string, IEnumerable{KeyValuePair{string, string}}, CancellationToken)"/>
    public async Task<Run> CloneAsync(Run source, string newName, RunSettings settings, CancellationToken cancellationToken = default)
    {
        var clone = await CreateAsync(newName, settings, cancellationToken);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == clone.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClonedFromRunId, source.Id), cancellationToken);
        var pool = await db.Queries.AsNoTracking().Where(q => q.RunId == source.Id && q.Source != "built-in").ToListAsync(cancellationToken);
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

    /// <summary>Marks the run queued for a start or resume; refuses a run that is already queued or running.</summary>
    public async Task MarkQueuedAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
        if (run.Status is RunStatus.Running or RunStatus.Queued)
        {
            throw new InvalidOperationException($"Run '{run.Name}' is already {run.Status.ToString().ToLowerInvariant()}.");
        }
        run.Status = RunStatus.Queued;
        run.Error = null;
        run.FinishedAt = null;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SetJobIdAsync(int runId, string jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, jobId), cancellationToken);
    }

    /// <summary>Runs that were queued or running when the app stopped; they are picked up again at start.</summary>
    public async Task<IReadOnlyList<int>> InterruptedRunIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.Status == RunStatus.Running || r.Status == RunStatus.Queued).Select(r => r.Id).ToListAsync(cancellationToken);
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
