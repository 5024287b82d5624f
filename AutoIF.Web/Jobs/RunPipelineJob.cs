using AutoIF.Core.Pipeline;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>The Hangfire job for a run: it only calls the orchestrator. Arguments are ids.</summary>
public sealed class RunPipelineJob(RunOrchestrator orchestrator)
{
    [AutomaticRetry(Attempts = 0)]
    // One lock per run: different runs proceed in parallel; a duplicate job for the same run waits for the first.
    [DisableConcurrentExecution(RunLock.ResourceFormat, 60)]
    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) =>
        orchestrator.ExecuteAsync(runId, only: null, cancellationToken);
}
