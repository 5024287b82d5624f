using AutoIF.Core.Llm;
using AutoIF.Core.Pipeline.Stages;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Runs a run's stages in order, skipping stages already completed, so a restart after a crash or a resume
/// after a cancel continues where the run stopped; the streaming stages run beside the stage before them: Verifiers to
/// Consistency behind Augment (decision 051), Verify and Judge behind Sample (decision 050).
/// The Hangfire job and the CLI both call this.
/// </summary>
public sealed class RunOrchestrator(
    IEnumerable<IRunStage> stages,
    StageStream stream,
    IOptions<PipelineOptions> pipelineOptions,
    OnlineRoundStage onlineRound,
    RunCallBudgets budgets,
    IDbContextFactory<AutoIfDbContext> contextFactory,
    TimeProvider clock,
    ILogger<RunOrchestrator> logger)
{
    /// <summary>
    /// Runs the pending stages in order. With <paramref name="only"/> (e.g. the model-free stages of <c>verify</c>) it
    /// stops at the first pending stage outside the set, because later stages need its output; the run is then
    /// Paused, and starting it continues there.
    /// </summary>
    public Task<RunStatus> ExecuteAsync(int runId, IReadOnlySet<PipelineStage>? only, CancellationToken cancellationToken) =>
        GuardAsync(runId, async ct =>
        {
            var completed = await CompletedStagesAsync(runId, ct);
            var ordered = stages.OrderBy(s => s.Stage).ToList();
            for (var index = 0; index < ordered.Count; index++)
            {
                var stage = ordered[index];
                if (completed.Contains(stage.Stage))
                {
                    continue;
                }
                if (only is not null && !only.Contains(stage.Stage))
                {
                    logger.LogInformation("Run {RunId}: paused before {Stage}", runId, stage.Stage);
                    return (RunStatus.Paused, $"Paused before {stage.Stage}: it calls the model. Start the run to continue.");
                }
                // The pending streaming stages right after it run beside it (decision 050); a partial run (only) keeps to one.
                var followers = only is null && pipelineOptions.Value.StreamStages
                    ? ordered.Skip(index + 1).TakeWhile(s => s is IStreamingStage && !completed.Contains(s.Stage)).Cast<IStreamingStage>().ToList()
                    : [];
                logger.LogInformation("Run {RunId}: stage {Stage} starting{Followers}", runId, stage.Stage,
                    followers.Count == 0 ? "" : $", followed by {string.Join(" and ", followers.Select(f => f.Stage))}");
                await stream.RunAsync(runId, stage, followers, ct);
                index += followers.Count;
                await using var db = await contextFactory.CreateDbContextAsync(ct);
                await InstructionSearchIndex.OptimizeAsync(db, ct);
            }
            return (RunStatus.Completed, null);
        }, cancellationToken);

    /// <summary>One online DPO round: the policy model answers the training prompts again, verified, paired as round N.</summary>
    public Task<RunStatus> ExecuteOnlineRoundAsync(int runId, CancellationToken cancellationToken) =>
        GuardAsync(runId, async ct =>
        {
            await onlineRound.ExecuteAsync(runId, ct);
            return (RunStatus.Completed, null);
        }, cancellationToken);

    // Status bookkeeping shared by every kind of run work: Running while it works, then Completed, Cancelled or Failed.
    private async Task<RunStatus> GuardAsync(int runId, Func<CancellationToken, Task<(RunStatus Status, string? Note)>> work, CancellationToken cancellationToken)
    {
        if (!await MarkRunningAsync(runId, cancellationToken))
        {
            return await StatusAsync(runId, cancellationToken);
        }
        // The budget is read again at every start, so a run resumed with a higher Run:MaxModelCalls goes on.
        budgets.Forget(runId);
        try
        {
            var (status, note) = await work(cancellationToken);
            await FinishAsync(runId, status, note, CancellationToken.None);
            return status;
        }
        catch (RunCancelledException)
        {
            logger.LogInformation("Run {RunId} cancelled", runId);
            return RunStatus.Cancelled;
        }
        catch (Exception ex) when (ModelCallBudgetReachedException.In(ex) is { } reached)
        {
            // Not a failure: the run stops where its budget ends, and what it got is stored (answers are cached).
            logger.LogInformation("Run {RunId} paused at its model-call budget ({Used} of {Budget})", runId, reached.Used, reached.Budget);
            await FinishAsync(runId, RunStatus.Paused, reached.Message, CancellationToken.None);
            return RunStatus.Paused;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown or job deletion: the run stays Running, and once this process lets go of its lock it shows as
            // interrupted, which a resume or the job server's sweep continues.
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Run {RunId} failed", runId);
            await FinishAsync(runId, RunStatus.Failed, ex.Message, CancellationToken.None);
            return RunStatus.Failed;
        }
    }

    private async Task<bool> MarkRunningAsync(int runId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new InvalidOperationException($"Run {runId} does not exist.");
        if (run.Status is not (RunStatus.Queued or RunStatus.Running))
        {
            // Cancelled, finished or never started: a stale or duplicate job does nothing.
            return false;
        }
        run.Status = RunStatus.Running;
        run.StartedAt ??= clock.GetUtcNow();
        run.Error = null;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<RunStatus> StatusAsync(int runId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => r.Id == runId).Select(r => r.Status).SingleAsync(cancellationToken);
    }

    private async Task<HashSet<PipelineStage>> CompletedStagesAsync(int runId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return [.. await db.StageProgress.Where(p => p.RunId == runId && p.Completed).Select(p => p.Stage).ToListAsync(cancellationToken)];
    }

    private async Task FinishAsync(int runId, RunStatus status, string? note, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await db.Runs.Where(r => r.Id == runId && r.Status != RunStatus.Cancelled).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.Error, note)
            .SetProperty(r => r.CurrentStage, (PipelineStage?)null)
            .SetProperty(r => r.FinishedAt, now), cancellationToken);
    }
}
