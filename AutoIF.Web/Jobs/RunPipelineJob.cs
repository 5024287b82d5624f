using AutoIF.Core.Pipeline;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>The Hangfire job for a run: it only calls the orchestrator. Arguments are ids.</summary>
public sealed class RunPipelineJob(RunOrchestrator orchestrator)
{
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) =>
        orchestrator.ExecuteAsync(runId, only: null, cancellationToken);
}
