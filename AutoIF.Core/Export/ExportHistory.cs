using System.Text.Json;
using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Export;

/// <summary>Records each finished export against its runs, so the funnel's "exported" step and the run history show it.</summary>
public sealed class ExportHistory(IDbContextFactory<AutoIfDbContext> contextFactory, TimeProvider clock)
{
    public async Task RecordAsync(ExportRequest request, long rows, string fileName, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var runIds = await db.Runs.Where(r => request.Runs.Contains(r.Name)).Select(r => r.Id).ToListAsync(cancellationToken);
        var filters = JsonSerializer.Serialize(request.DescribeFilters().ToDictionary(f => f.Key, f => f.Value));
        foreach (var runId in runIds.DefaultIfEmpty())
        {
            db.ExportRecords.Add(new ExportRecord
            {
                RunId = runId == 0 ? null : runId,
                Kind = request.Kind.ToString().ToLowerInvariant(),
                Format = request.Format,
                FiltersJson = filters,
                // Rows of a multi-run export are attributed to the first run only, so funnel totals are not counted twice.
                Rows = runId == runIds.FirstOrDefault() ? rows : 0,
                FileName = fileName,
                CreatedAt = clock.GetUtcNow(),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
