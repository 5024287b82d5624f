using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>The Hangfire job for a run: it takes the run's lock and calls the orchestrator. Arguments are ids.</summary>
public sealed class RunPipelineJob(RunOrchestrator orchestrator, RunLock runLock, ILogger<RunPipelineJob> logger)
{
    /// <summary>How long a job for a run another process works on waits for it (a cancelled job may still be stopping).</summary>
    public static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(60);

    internal TimeSpan LockWait { get; init; } = DefaultLockWait;

    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Runs)]
    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        await using var held = await TakeLockAsync(runLock, runId, LockWait, logger, cancellationToken);
        if (held is not null)
        {
            await orchestrator.ExecuteAsync(runId, only: null, cancellationToken);
        }
    }

    /// <summary>
    /// The run's lock, or null when another process still holds it after <paramref name="wait"/>. Such a job is a duplicate
    /// (a sweep's and a user's start at once, a stale one Hangfire delivers again): it leaves the run untouched to its
    /// holder, and ends without failing, since nothing went wrong; should the holder die, the sweep queues the run again.
    /// </summary>
    internal static async Task<IAsyncDisposable?> TakeLockAsync(RunLock runLock, int runId, TimeSpan wait, ILogger logger, CancellationToken cancellationToken)
    {
        var held = await runLock.TryAcquireAsync(runId, wait, cancellationToken);
        if (held is null)
        {
            logger.LogInformation("Run {RunId} is being worked on by another process; this job leaves it to that process", runId);
        }
        return held;
    }
}
