using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Export;

/// <summary>
/// Runs one stored export job: writes its file into the exports folder with <see cref="ExportToFile"/>, keeping the job's
/// rows written up to date while it runs and its outcome (file size, contamination report, or why it failed) after.
/// </summary>
public sealed class ExportJobRunner(
    IDbContextFactory<AutoIfDbContext> contextFactory,
    ExportToFile exportToFile,
    RunService runs,
    BenchmarkUploads uploads,
    IOptions<StorageOptions> storage,
    TimeProvider clock,
    ILogger<ExportJobRunner> logger)
{
    /// <summary>How often the rows written so far are stored while the export runs.</summary>
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Runs the job, unless it is gone (deleted) or has ended already (a job delivered twice). A failure is stored with the
    /// job, not thrown; cancellation is thrown after the job is stored as queued again when the app stops (Hangfire runs it
    /// again at the next start), and quietly when the job was deleted.
    /// </summary>
    public async Task RunAsync(int exportJobId, CancellationToken cancellationToken)
    {
        var job = await StartAsync(exportJobId, cancellationToken);
        if (job is null)
        {
            logger.LogInformation("Export job {Id} is gone or has ended; nothing to run", exportJobId);
            return;
        }
        var request = ExportJobStore.RequestOf(job);
        var rows = new LatestRows();
        using var stopFlushing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var flushing = FlushProgressAsync(exportJobId, rows, stopFlushing.Token);
        try
        {
            foreach (var run in request.Runs)
            {
                await runs.GetAsync(run, cancellationToken);
            }
            Directory.CreateDirectory(storage.Value.ExportsFolderPath);
            var path = Path.Combine(storage.Value.ExportsFolderPath, job.FileName);
            var result = await exportToFile.WriteAsync(request, path, job.Bundle, rows, cancellationToken);
            await StopAsync(stopFlushing, flushing);
            await FinishAsync(exportJobId, ExportJobState.Done, result.Rows, result.Bytes, null, ExportJobStore.ContaminationJson(result.Contamination));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopAsync(stopFlushing, flushing);
            await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
            await db.ExportJobs.Where(e => e.Id == exportJobId && e.State == ExportJobState.Running).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, ExportJobState.Queued)
                .SetProperty(e => e.Message, "The app stopped while this export ran; it starts again with the app's job server."), CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            await StopAsync(stopFlushing, flushing);
            logger.LogWarning(ex, "Export job {Id} ({File}) failed", exportJobId, job.FileName);
            await FinishAsync(exportJobId, ExportJobState.Failed, rows.Value, null, MessageOf(ex), null);
        }
        uploads.Discard(request.Benchmark);
    }

    /// <summary>The job marked running, or null when there is none to run.</summary>
    private async Task<ExportJob?> StartAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var started = await db.ExportJobs.Where(e => e.Id == id && (e.State == ExportJobState.Queued || e.State == ExportJobState.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, ExportJobState.Running)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                .SetProperty(e => e.Rows, 0)
                .SetProperty(e => e.StartedAt, clock.GetUtcNow()), cancellationToken);
        return started == 0 ? null : await db.ExportJobs.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
    }

    private async Task FinishAsync(int id, ExportJobState state, long rows, long? size, string? message, string? contamination)
    {
        // Not cancellable: the outcome of work done must be stored even as the app stops.
        await using var db = await contextFactory.CreateDbContextAsync(CancellationToken.None);
        await db.ExportJobs.Where(e => e.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.State, state)
            .SetProperty(e => e.Rows, rows)
            .SetProperty(e => e.FileSize, size)
            // A done job keeps its note that it was started again.
            .SetProperty(e => e.Message, e => message ?? e.Message)
            .SetProperty(e => e.ContaminationJson, contamination)
            .SetProperty(e => e.FinishedAt, clock.GetUtcNow()), CancellationToken.None);
    }

    private async Task FlushProgressAsync(int id, LatestRows rows, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProgressEvery, clock);
        var stored = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = rows.Value;
                if (now != stored)
                {
                    await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
                    await db.ExportJobs.Where(e => e.Id == id && e.State == ExportJobState.Running)
                        .ExecuteUpdateAsync(s => s.SetProperty(e => e.Rows, now), cancellationToken);
                    stored = now;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The export ended; its outcome is stored by the caller.
        }
    }

    private static async Task StopAsync(CancellationTokenSource stop, Task flushing)
    {
        await stop.CancelAsync();
        await flushing;
    }

    /// <summary>The message for the page: an argument's name, which means nothing to a user, left out.</summary>
    private static string MessageOf(Exception ex) =>
        ex is ArgumentException { ParamName: { } name } argument && argument.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? argument.Message[..^$" (Parameter '{name}')".Length]
            : ex.Message;

    private sealed class LatestRows : IProgress<long>
    {
        private long _rows;

        public long Value => Interlocked.Read(ref _rows);

        public void Report(long value) => Interlocked.Exchange(ref _rows, value);
    }
}
