using System.Collections.Concurrent;
using AutoIF.Core.Export;

namespace AutoIF.Web.Services;

/// <summary>
/// Runs exports to files in the data folder in the background, so a long export survives the page being closed and
/// its progress (rows written) can be shown; the finished file is served by <c>/api/exports/{name}</c>.
/// </summary>
public sealed class ExportJobs(DatasetExporter exporter, ExportHistory history, ExportFiles files, IHostApplicationLifetime lifetime, ILogger<ExportJobs> logger)
{
    private readonly ConcurrentDictionary<string, ExportJob> _jobs = new();

    public ExportJob? Find(string id) => _jobs.GetValueOrDefault(id);

    /// <summary>Validates the request (throws <see cref="ArgumentException"/> with the user's message) and starts it.</summary>
    public ExportJob Start(ExportRequest request, bool bundle)
    {
        var container = DatasetExporter.Validate(request);
        var id = Guid.NewGuid().ToString("N");
        var name = ExportFiles.DefaultName(request, container, bundle);
        // The job id in the name: two identical exports started together write different files.
        var job = new ExportJob(id, $"{Path.GetFileNameWithoutExtension(name)}-{id[..6]}{Path.GetExtension(name)}");
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job, request, bundle, lifetime.ApplicationStopping));
        return job;
    }

    private async Task RunAsync(ExportJob job, ExportRequest request, bool bundle, CancellationToken cancellationToken)
    {
        var path = files.PathFor(job.FileName);
        var partial = path + ".partial";
        try
        {
            var progress = new Progress<long>(job.Report);
            long rows;
            await using (var stream = File.Create(partial))
            {
                if (bundle)
                {
                    var card = await exporter.DescribeAsync(request, Path.GetFileNameWithoutExtension(job.FileName), DateTimeOffset.UtcNow, cancellationToken);
                    var result = await exporter.ExportBundleAsync(request, card, stream, progress, cancellationToken);
                    (rows, job.Contamination) = (result.Rows, result.Contamination);
                }
                else
                {
                    var result = await exporter.ExportAsync(request, stream, progress, cancellationToken);
                    (rows, job.Contamination) = (result.Rows, result.Contamination);
                }
            }
            File.Move(partial, path, overwrite: true);
            job.Report(rows);
            await history.RecordAsync(request, rows, job.FileName, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Export {File} failed", job.FileName);
            job.Error = ex.Message;
            File.Delete(partial);
        }
        finally
        {
            job.Finished = true;
        }
    }
}
