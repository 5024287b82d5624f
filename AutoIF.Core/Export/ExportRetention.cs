using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Export;

/// <summary>
/// Deletes export files last written more than <see cref="ExportsOptions.RetentionDays"/> ago from the exports folder,
/// with the export records and export jobs that name them, so the Export page's download links never point at a file
/// that is gone; failed export jobs (no file) go once as old, and so do benchmark uploads a closed page left behind.
/// </summary>
public sealed class ExportRetention(IDbContextFactory<AutoIfDbContext> contextFactory, IOptions<ExportsOptions> options, IOptions<StorageOptions> storage, TimeProvider clock)
{
    /// <summary>The names of the files deleted; none when retention is off (0 days) or the folder does not exist.</summary>
    public async Task<IReadOnlyList<string>> CleanUpAsync(CancellationToken cancellationToken = default)
    {
        var days = options.Value.RetentionDays;
        var folder = new DirectoryInfo(storage.Value.ExportsFolderPath);
        if (days == 0 || !folder.Exists)
        {
            return [];
        }
        var cutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(days);
        var expired = folder.EnumerateFiles().Where(f => f.LastWriteTimeUtc < cutoff).ToList();
        var deleted = new List<string>();
        foreach (var file in expired)
        {
            try
            {
                file.Delete();
                deleted.Add(file.Name);
            }
            catch (IOException)
            {
                // Being read (a download in progress) or gone already: the next cleanup tries again.
            }
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (deleted.Count > 0)
        {
            await db.ExportRecords.Where(e => e.FileName != null && deleted.Contains(e.FileName)).ExecuteDeleteAsync(cancellationToken);
            await db.ExportJobs.Where(e => deleted.Contains(e.FileName)).ExecuteDeleteAsync(cancellationToken);
        }
        var since = clock.GetUtcNow() - TimeSpan.FromDays(days);
        await db.ExportJobs.Where(e => e.State == ExportJobState.Failed && e.CreatedAt < since).ExecuteDeleteAsync(cancellationToken);
        var uploads = new DirectoryInfo(storage.Value.BenchmarkUploadsPath);
        foreach (var upload in uploads.Exists ? uploads.EnumerateDirectories().Where(d => d.LastWriteTimeUtc < cutoff).ToList() : [])
        {
            upload.Delete(recursive: true);
        }
        return deleted;
    }
}
