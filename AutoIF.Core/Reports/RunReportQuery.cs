using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>One run's <see cref="RunReport"/>: its summary, settings, stages and funnel.</summary>
public sealed class RunReportQuery(IDbContextFactory<AutoIfDbContext> contextFactory, RunSummaryQuery summaries, RunFunnelQuery funnel)
{
    /// <summary>The run's report, or null when there is no run with this id.</summary>
    public async Task<RunReport?> FindAsync(int runId, CancellationToken cancellationToken = default)
    {
        var summary = await summaries.FindAsync(runId, cancellationToken);
        if (summary is null)
        {
            return null;
        }
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.Runs.Where(r => r.Id == runId).Select(r => r.Settings).SingleOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            // Deleted between the two reads.
            return null;
        }
        var stages = await db.StageProgress.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Stage)
            .Select(p => new StageRow(p.Stage, p.Done, p.Total, p.Completed, p.Message)).ToListAsync(cancellationToken);
        return new RunReport(summary, settings, stages, await funnel.ExecuteAsync(runId, cancellationToken));
    }
}
