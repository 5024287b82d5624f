using AutoIF.Core.Storage;
using AutoIF.Core.Verifiers;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>The Hangfire job for one re-verification: it takes the run's lock, so an edit or a run meanwhile is refused, never interleaved.</summary>
public sealed class ReverifyJob(Reverifier reverifier, ReverificationStore store, RunLock runLock, ILogger<ReverifyJob> logger)
{
    internal TimeSpan LockWait { get; init; } = RunPipelineJob.DefaultLockWait;

    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Sandbox)]
    public async Task ExecuteAsync(int reverificationId, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync(reverificationId, cancellationToken);
        if (record is null || record.State != Core.Domain.ReverificationState.Queued)
        {
            return;
        }
        await using var held = await RunPipelineJob.TakeLockAsync(runLock, record.RunId, LockWait, logger, cancellationToken);
        if (held is null)
        {
            await store.RefuseAsync(reverificationId, "another process was working on the run (a run, a verify or another re-verification); start it again when that has finished", cancellationToken);
            return;
        }
        await reverifier.ExecuteAsync(reverificationId, cancellationToken);
    }
}
