using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>Stores done/total per stage (pages poll it) and stops a stage between batches when its run was cancelled.</summary>
public sealed class StageProgressReporter(IDbContextFactory<AutoIfDbContext> contextFactory, TimeProvider clock)
{
    /// <param name="current">
    /// Shows the stage as the run's current one; a stage catching up behind a running one (decision 050) leaves that one shown.
    /// </param>
    public async Task StartAsync(int runId, PipelineStage stage, int total, CancellationToken cancellationToken, bool current = true)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var progress = await db.StageProgress.FindAsync([runId, stage], cancellationToken);
        if (progress is null)
        {
            progress = new StageProgress { RunId = runId, Stage = stage, StartedAt = clock.GetUtcNow() };
            db.StageProgress.Add(progress);
        }
        progress.Total = total;
        progress.Completed = false;
        progress.Status = ItemStatus.Pending;
        if (current)
        {
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.CurrentStage, stage), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Records progress and throws <see cref="RunCancelledException"/> if the run was cancelled meanwhile.</summary>
    public async Task ReportAsync(int runId, PipelineStage stage, int done, CancellationToken cancellationToken, string? message = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.StageProgress.Where(p => p.RunId == runId && p.Stage == stage)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Done, done).SetProperty(p => p.Message, message), cancellationToken);
        await ThrowIfCancelledAsync(db, runId, cancellationToken);
    }

    private static async Task ThrowIfCancelledAsync(AutoIfDbContext db, int runId, CancellationToken cancellationToken)
    {
        var status = await db.Runs.Where(r => r.Id == runId).Select(r => r.Status).SingleAsync(cancellationToken);
        if (status == RunStatus.Cancelled)
        {
            throw new RunCancelledException(runId);
        }
    }

    /// <summary>Sets the stage's status line (e.g. a pause) and honours a cancel.</summary>
    public async Task MessageAsync(int runId, PipelineStage stage, string message, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.StageProgress.Where(p => p.RunId == runId && p.Stage == stage)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Message, message), cancellationToken);
        await ThrowIfCancelledAsync(db, runId, cancellationToken);
    }

    public async Task CompleteAsync(int runId, PipelineStage stage, int done, CancellationToken cancellationToken, string? message = null)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.StageProgress.Where(p => p.RunId == runId && p.Stage == stage)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Done, done).SetProperty(p => p.Total, done)
                .SetProperty(p => p.Completed, true).SetProperty(p => p.Status, ItemStatus.Kept)
                .SetProperty(p => p.FinishedAt, now).SetProperty(p => p.Message, message), cancellationToken);
    }
}
