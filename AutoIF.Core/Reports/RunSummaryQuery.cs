using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>Runs newest first with their current stage's progress, in one SQL query, and what each is doing now.</summary>
public sealed class RunSummaryQuery(IDbContextFactory<AutoIfDbContext> contextFactory, RunLiveness liveness)
{
    public async Task<IReadOnlyList<RunSummary>> ListAsync(int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Project(db, db.Runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take)).ToListAsync(cancellationToken);
        return await WithStatesAsync(rows, cancellationToken);
    }

    public async Task<RunSummary?> FindAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Project(db, db.Runs.Where(r => r.Id == runId)).ToListAsync(cancellationToken);
        return (await WithStatesAsync(rows, cancellationToken)).SingleOrDefault();
    }

    private async Task<IReadOnlyList<RunSummary>> WithStatesAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        var states = await liveness.StatesAsync(rows.Select(r => (r.Id, r.Status)), cancellationToken);
        return [.. rows.Select(r => new RunSummary(r.Id, r.Name, states[r.Id], r.CurrentStage, r.Done, r.Total, r.StageMessage,
            r.IsDemo, r.Error, r.OnlineRounds, r.CreatedAt, r.FinishedAt))];
    }

    private static IQueryable<Row> Project(AutoIfDbContext db, IQueryable<Run> runs) =>
        from r in runs
        let p = db.StageProgress.Where(p => p.RunId == r.Id && p.Stage == r.CurrentStage).FirstOrDefault()
        select new Row(r.Id, r.Name, r.Status, r.CurrentStage, p == null ? 0 : p.Done, p == null ? 0 : p.Total, p == null ? null : p.Message,
            r.IsDemo, r.Error, r.OnlineRounds, r.CreatedAt, r.FinishedAt);

    private sealed record Row(
        int Id, string Name, RunStatus Status, PipelineStage? CurrentStage, int Done, int Total, string? StageMessage,
        bool IsDemo, string? Error, int OnlineRounds, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);
}
