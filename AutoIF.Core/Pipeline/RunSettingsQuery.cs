using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

public static class RunSettingsQuery
{
    /// <summary>The settings a run was saved with; every stage reads its thresholds and counts from here.</summary>
    public static Task<RunSettings> RunSettingsAsync(this AutoIfDbContext db, int runId, CancellationToken cancellationToken) =>
        db.Runs.Where(r => r.Id == runId).Select(r => r.Settings).SingleAsync(cancellationToken);
}
