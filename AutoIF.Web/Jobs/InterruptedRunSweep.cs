using Microsoft.Extensions.Options;

namespace AutoIF.Web.Jobs;

/// <summary>
/// Resumes interrupted runs every <see cref="JobsOptions.ResumeCheckSeconds"/> (a minute), whichever process left them:
/// a run whose command was killed while the app was up is picked up without a restart. The app's start does the first
/// sweep itself, before it serves. A hosted service, not a Hangfire recurring job: it must not wait for a free worker
/// behind the very runs it looks after, nor pile up in the queue while they work (docs/decisions/010).
/// </summary>
public sealed class InterruptedRunSweep(RunScheduler scheduler, IOptions<JobsOptions> options, TimeProvider clock, ILogger<InterruptedRunSweep> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ResumeCheckSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await scheduler.ResumeInterruptedAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A database that is briefly away must not end the sweeping for the app's lifetime.
                    logger.LogWarning(ex, "Looking for interrupted runs failed; trying again at the next check");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops.
        }
    }
}
