using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>The Hangfire job for a run: it takes the run's lock and calls the orchestrator. Arguments are ids.</summary>
public sealed class RunPipelineJob(RunOrchestrator orchestrator, RunLock runLock)
{
    /// <summary>A duplicate job for a run another process works on waits this long for it, then fails and leaves the run alone.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(60);

    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        await using var held = await runLock.AcquireAsync(runId, $"#{runId}", LockWait, cancellationToken);
        await orchestrator.ExecuteAsync(runId, only: null, cancellationToken);
    }
}
