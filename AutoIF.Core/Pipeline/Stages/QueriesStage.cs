using AutoIF.Core.Domain.State;
using AutoIF.Core.Import;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Makes sure the run has a query pool (a run with none of its own gets the built-in pool, and the stage says so)
/// and applies the run's Queries:MinLength..MaxLength window to every query, so a clone with other bounds re-filters.
/// </summary>
public sealed class QueriesStage(IDbContextFactory<AutoIfDbContext> contextFactory, RunImporter importer, StageProgressReporter progress) : IRunStage
{
    public PipelineStage Stage => PipelineStage.Queries;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        await progress.StartAsync(runId, Stage, 0, cancellationToken);
        var builtIn = await importer.EnsureQueryPoolAsync(runId, cancellationToken);

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var settings = (await db.RunSettingsAsync(runId, cancellationToken)).Queries;
        var queries = await db.Queries.Where(q => q.RunId == runId).ToListAsync(cancellationToken);
        foreach (var query in queries)
        {
            var reason = QueryLengthFilter.DropReason(query.Length, settings);
            query.Status = reason is null ? ItemStatus.Kept : ItemStatus.Dropped;
            query.SetDropReason(reason);
        }
        await db.SaveChangesAsync(cancellationToken);
        var kept = queries.Count(q => q.Status == ItemStatus.Kept);
        var message = $"{kept} of {queries.Count} queries within {settings.MinLength}–{settings.MaxLength} characters"
            + (builtIn is null ? "" : "; the run had no pool of its own, so it uses the built-in pool");
        await progress.CompleteAsync(runId, Stage, queries.Count, cancellationToken, message);
    }
}
