using System.Text.Json;
using System.Text.Json.Serialization;
using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Core.Export;

/// <summary>The stored export jobs of the Export page: created for a request, listed with their progress, deleted with their file.</summary>
public sealed class ExportJobStore(IDbContextFactory<AutoIfDbContext> contextFactory, IOptions<StorageOptions> storage, BenchmarkUploads uploads, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Stores a queued job for <paramref name="request"/> (already validated) and returns it.</summary>
    public async Task<ExportJob> CreateAsync(ExportRequest request, bool bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var container = DatasetExporter.Validate(request);
        var name = ExportFileName.For(request, container, bundle, clock.GetUtcNow());
        // A random part in the name: two identical exports started in the same second write different files.
        var unique = $"{Path.GetFileNameWithoutExtension(name)}-{Guid.NewGuid().ToString("N")[..6]}{Path.GetExtension(name)}";
        var job = new ExportJob
        {
            RequestJson = JsonSerializer.Serialize(request, Json),
            Bundle = bundle,
            Summary = $"{string.Join(", ", request.Runs)} · {DatasetWriterRegistry.KindName(request.Kind)} · {request.Format}{(bundle ? " · bundle" : "")}",
            FileName = unique,
            State = ExportJobState.Queued,
            CreatedAt = clock.GetUtcNow(),
        };
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.ExportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        return job;
    }

    public static ExportRequest RequestOf(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return JsonSerializer.Deserialize<ExportRequest>(job.RequestJson, Json) ?? throw new InvalidOperationException($"Export job {job.Id} has no request.");
    }

    public static string? ContaminationJson(ContaminationReport? report) => report is null ? null : JsonSerializer.Serialize(report, Json);

    public async Task SetJobIdAsync(int id, string jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        await db.ExportJobs.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.JobId, jobId), cancellationToken);
    }

    /// <summary>The newest jobs first.</summary>
    public async Task<IReadOnlyList<ExportJobView>> ListAsync(int max = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var jobs = await db.ExportJobs.AsNoTracking().OrderByDescending(e => e.Id).Take(max).ToListAsync(cancellationToken);
        return [.. jobs.Select(View)];
    }

    public async Task<ExportJobView?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.ExportJobs.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        return job is null ? null : View(job);
    }

    /// <summary>Jobs a job server has not finished: queued or running, with the Hangfire job meant to run them.</summary>
    public async Task<IReadOnlyList<(int Id, string? JobId)>> UnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ExportJobs.AsNoTracking()
            .Where(e => e.State == ExportJobState.Queued || e.State == ExportJobState.Running)
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.JobId }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.JobId))];
    }

    /// <summary>Queued again under <paramref name="jobId"/>, saying why; false when the job has finished or is gone meanwhile.</summary>
    public async Task<bool> RequeueAsync(int id, string jobId, string message, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await db.ExportJobs.Where(e => e.Id == id && (e.State == ExportJobState.Queued || e.State == ExportJobState.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, ExportJobState.Queued).SetProperty(e => e.JobId, jobId).SetProperty(e => e.Message, message), cancellationToken) > 0;
    }

    /// <summary>
    /// Deletes the job, its file (and a partial one) and its staged benchmark; the history keeps its record of the export,
    /// without the file's name. Returns the Hangfire job to stop, null when there is no such job.
    /// </summary>
    public async Task<(bool Found, string? JobId)> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.ExportJobs.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (job is null)
        {
            return (false, null);
        }
        await db.ExportJobs.Where(e => e.Id == id).ExecuteDeleteAsync(cancellationToken);
        await db.ExportRecords.Where(e => e.FileName == job.FileName).ExecuteUpdateAsync(s => s.SetProperty(e => e.FileName, (string?)null), cancellationToken);
        var path = Path.Combine(storage.Value.ExportsFolderPath, job.FileName);
        foreach (var file in new[] { path, path + ".partial" }.Where(File.Exists))
        {
            File.Delete(file);
        }
        uploads.Discard(RequestOf(job).Benchmark);
        return (true, job.JobId);
    }

    private static ExportJobView View(ExportJob job) => new(
        job.Id, job.Summary, job.FileName, job.Bundle, job.State, job.Rows, job.FileSize, job.Message,
        job.ContaminationJson is null ? null : JsonSerializer.Deserialize<ContaminationReport>(job.ContaminationJson, Json),
        job.Attempts, job.CreatedAt, job.FinishedAt);
}
