using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>The Hangfire job for one online DPO round of a run: it takes the run's lock and calls the orchestrator.</summary>
public sealed class OnlineRoundJob(RunOrchestrator orchestrator, RunLock runLock, ILogger<OnlineRoundJob> logger)
{
    [AutomaticRetry(Attempts = 0)]
    [Queue(JobQueues.Runs)]
    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        await using var held = await RunPipelineJob.TakeLockAsync(runLock, runId, RunPipelineJob.DefaultLockWait, logger, cancellationToken);
        if (held is not null)
        {
            await orchestrator.ExecuteOnlineRoundAsync(runId, cancellationToken);
        }
    }
}
