using AutoIF.Core.Export;
using AutoIF.Core.Storage;
using Hangfire;
using Microsoft.Extensions.Options;

namespace AutoIF.Web.Jobs;

/// <summary>Starts exports to files as Hangfire jobs, deletes them, and queues again those a stopped process left unfinished.</summary>
public sealed class ExportScheduler(IBackgroundJobClient jobs, JobStorage storage, ExportJobStore store, IOptions<StorageOptions> options, ILogger<ExportScheduler> logger)
{
    /// <summary>Validates the parameters (<see cref="ArgumentException"/> naming the bad one), stores the job and queues it.</summary>
    public async Task<int> StartAsync(ExportParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var request = parameters.ToRequest();
        var job = await store.CreateAsync(request, parameters.Bundle, cancellationToken);
        var jobId = jobs.Enqueue<ExportFileJob>(j => j.ExecuteAsync(job.Id, CancellationToken.None));
        await store.SetJobIdAsync(job.Id, jobId, cancellationToken);
        return job.Id;
    }

    /// <summary>Deletes the export with its file, stopping its job if it still runs; false when there is no such export.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        var (found, jobId) = await store.DeleteAsync(id, cancellationToken);
        if (jobId is not null)
        {
            jobs.Delete(jobId);
        }
        return found;
    }

    /// <summary>
    /// At the start of an app on SQLite, before its job server runs: an export marked queued or running whose Hangfire job
    /// is not waiting was being run by a process that is gone (only this app's job server runs exports on this data folder),
    /// so it gets a new job and runs again from the start; the old job is deleted, so it never runs a second time. On
    /// PostgreSQL another instance may be running it: Hangfire gives a dead instance's job to another after the storage's
    /// invisibility timeout (docs/decisions/017). Returns the exports queued again.
    /// </summary>
    public async Task<IReadOnlyList<int>> RequeueInterruptedAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.Provider != StorageProvider.Sqlite)
        {
            return [];
        }
        var requeued = new List<int>();
        foreach (var (id, oldJobId) in await store.UnfinishedAsync(cancellationToken))
        {
            if (HangfireJobStates.IsIn(storage, oldJobId, HangfireJobStates.Waiting))
            {
                continue;
            }
            var jobId = jobs.Enqueue<ExportFileJob>(j => j.ExecuteAsync(id, CancellationToken.None));
            if (await store.RequeueAsync(id, jobId, "The app stopped while this export ran; it was started again.", cancellationToken))
            {
                if (oldJobId is not null)
                {
                    jobs.Delete(oldJobId);
                }
                logger.LogInformation("Export {Id} was left unfinished by a stopped process; queued again as job {JobId}", id, jobId);
                requeued.Add(id);
            }
            else
            {
                jobs.Delete(jobId);
            }
        }
        return requeued;
    }
}
