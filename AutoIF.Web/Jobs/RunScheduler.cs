using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using Hangfire;

namespace AutoIF.Web.Jobs;

/// <summary>Starts, resumes and cancels runs as Hangfire jobs, and gives a new job to runs left without one.</summary>
public sealed class RunScheduler(IBackgroundJobClient jobs, JobStorage storage, RunService runs, RunLiveness liveness, ILogger<RunScheduler> logger)
{
    /// <summary>Queues the run; completed stages are skipped, so this is also "resume" (of an interrupted run too).</summary>
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

    /// <summary>Queues a stored re-verification (<see cref="Core.Verifiers.ReverificationStore.CreateAsync"/>) for the job server.</summary>
    public string StartReverify(int reverificationId) => jobs.Enqueue<ReverifyJob>(job => job.ExecuteAsync(reverificationId, CancellationToken.None));

    public async Task CancelAsync(int runId, CancellationToken cancellationToken = default)
    {
        var jobId = await runs.CancelAsync(runId, cancellationToken);
        if (jobId is not null)
        {
            jobs.Delete(jobId);
        }
    }

    /// <summary>
    /// Gives a new job to every run that needs one: an interrupted run (marked running, the process working on it killed,
    /// the app's or a command's) and a queued run whose job is gone (deleted, or one that left the run to a process that
    /// has died since). A run whose lock is held is live and left alone, whoever holds it; so is a queued run whose job
    /// still waits in the queue or is starting. The app does this at start and every minute; returns the runs queued.
    /// </summary>
    public async Task<IReadOnlyList<int>> ResumeInterruptedAsync(CancellationToken cancellationToken = default)
    {
        var unfinished = await runs.UnfinishedAsync(cancellationToken);
        var states = await liveness.StatesAsync(unfinished.Select(r => (r.Id, r.Status)), cancellationToken);
        var queued = new List<int>();
        foreach (var run in unfinished)
        {
            var needsJob = states[run.Id] switch
            {
                RunState.Interrupted => true,
                RunState.Queued => !HangfireJobStates.IsIn(storage, run.JobId, HangfireJobStates.WaitingOrStarting),
                _ => false,
            };
            if (!needsJob)
            {
                continue;
            }
            var jobId = jobs.Enqueue<RunPipelineJob>(job => job.ExecuteAsync(run.Id, CancellationToken.None));
            if (await runs.TryRequeueAsync(run, jobId, cancellationToken))
            {
                logger.LogInformation("Run {RunId} was {State} with no process working on it; queued again as job {JobId}", run.Id, states[run.Id], jobId);
                queued.Add(run.Id);
            }
            else
            {
                // Someone else changed the run since it was read (a start, a cancel, another instance's sweep): theirs stands.
                jobs.Delete(jobId);
            }
        }
        return queued;
    }

    private async Task<string> EnqueueAsync(int runId, CancellationToken cancellationToken)
    {
        var jobId = jobs.Enqueue<RunPipelineJob>(job => job.ExecuteAsync(runId, CancellationToken.None));
        await runs.SetJobIdAsync(runId, jobId, cancellationToken);
        return jobId;
    }
}
