using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>Copies the chosen seeds (Seeds:Ids, or all; at most Seeds:Max, in catalogue order) into the run as its first instructions.</summary>
public sealed class SeedsStage(IDbContextFactory<AutoIfDbContext> contextFactory, StageProgressReporter progress, TimeProvider clock) : IRunStage
{
    public PipelineStage Stage => PipelineStage.Seeds;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        var chosen = run.Settings.Seeds.IdSet()?.ToArray();
        var seeds = await db.SeedInstructions.AsNoTracking().Where(s => chosen == null || chosen.Contains(s.Id)).OrderBy(s => s.Id)
            .Take(run.Settings.Seeds.Max ?? int.MaxValue).ToListAsync(cancellationToken);
        await progress.StartAsync(runId, Stage, seeds.Count, cancellationToken);

        var known = (await db.Instructions.Where(i => i.RunId == runId).Select(i => i.TextHash).ToListAsync(cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var seed in seeds)
        {
            var hash = TextHash.Normalized(seed.Text);
            if (known.Add(hash))
            {
                db.Instructions.Add(new Instruction
                {
                    RunId = runId, Text = seed.Text, TextHash = hash, Origin = InstructionOrigin.Seed, SeedId = seed.Id, CreatedAt = now,
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await progress.CompleteAsync(runId, Stage, seeds.Count, cancellationToken);
    }
}
