using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>Runs newest first with their current stage's progress, in one SQL query.</summary>
public sealed class RunSummaryQuery(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public async Task<IReadOnlyList<RunSummary>> ListAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Project(db, db.Runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take)).ToListAsync(cancellationToken);
    }

    public async Task<RunSummary?> FindAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Project(db, db.Runs.Where(r => r.Id == runId)).SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<RunSummary> Project(AutoIfDbContext db, IQueryable<Domain.Run> runs) =>
        from r in runs
        let p = db.StageProgress.Where(p => p.RunId == r.Id && p.Stage == r.CurrentStage).FirstOrDefault()
        select new RunSummary(r.Id, r.Name, r.Status, r.CurrentStage, p == null ? 0 : p.Done, p == null ? 0 : p.Total, p == null ? null : p.Message,
            r.IsDemo, r.Error, r.OnlineRounds, r.CreatedAt, r.FinishedAt);
}
