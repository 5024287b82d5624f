using AutoIF.Core.Export;

namespace AutoIF.Web.Jobs;

/// <summary>
/// Deletes export files older than <c>Exports:RetentionDays</c> once at start and then every hour. A hosted service like
/// <see cref="InterruptedRunSweep"/>, not a Hangfire recurring job: a cleanup of files on this machine's data folder must
/// run in the app that owns the folder, not on whichever instance's worker is free (docs/decisions/015).
/// </summary>
public sealed class ExportRetentionSweep(ExportRetention retention, TimeProvider clock, ILogger<ExportRetentionSweep> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        try
        {
            do
            {
                try
                {
                    var deleted = await retention.CleanUpAsync(stoppingToken);
                    if (deleted.Count > 0)
                    {
                        logger.LogInformation("Deleted {Count} export files past their retention", deleted.Count);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Cleaning up old export files failed; trying again in an hour");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app stops.
        }
    }
}
