using AutoIF.Core.Pipeline;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>Starts, resumes and cancels runs as Hangfire jobs.</summary>
public sealed class RunScheduler(IBackgroundJobClient jobs, RunService runs)
{
    /// <summary>Queues the run; completed stages are skipped, so this is also "resume".</summary>
    public async Task<string> StartAsync(int runId, CancellationToken cancellationToken = default)
    {
        await runs.MarkQueuedAsync(runId, cancellationToken);
        return await EnqueueAsync(runId, cancellationToken);
    }

    /// <summary>Queues one online DPO round (policy model at temperature 0.8, verify, round-N pairs).</summary>
    public async Task<string> StartOnlineRoundAsync(int runId, CancellationToken cancellationToken = default)
    {
        await runs.MarkQueuedAsync(runId, cancellationToken);
        var jobId = jobs.Enqueue<OnlineRoundJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        await runs.SetJobIdAsync(runId, jobId, cancellationToken);
        return jobId;
    }

    public async Task CancelAsync(int runId, CancellationToken cancellationToken = default)
    {
        var jobId = await runs.CancelAsync(runId, cancellationToken);
        if (jobId is not null)
        {
            jobs.Delete(jobId);
        }
    }

    /// <summary>Queues again every run that was queued or running when the app stopped (a crash or a kill).</summary>
    public async Task ResumeInterruptedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var runId in await runs.InterruptedRunIdsAsync(cancellationToken))
        {
            await EnqueueAsync(runId, cancellationToken);
        }
    }

    private async Task<string> EnqueueAsync(int runId, CancellationToken cancellationToken)
    {
        var jobId = jobs.Enqueue<RunPipelineJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        await runs.SetJobIdAsync(runId, jobId, cancellationToken);
        return jobId;
    }
}
