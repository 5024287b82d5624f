using AutoIF.Core.Pipeline;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>The Hangfire job for one online DPO round of a run.</summary>
public sealed class OnlineRoundJob(RunOrchestrator orchestrator)
{
    [AutomaticRetry(Attempts = 0)]
    // One lock per run: different runs proceed in parallel; a duplicate job for the same run waits for the first.
    [DisableConcurrentExecution(RunLock.ResourceFormat, 60)]
    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) =>
        orchestrator.ExecuteOnlineRoundAsync(runId, cancellationToken);
}
