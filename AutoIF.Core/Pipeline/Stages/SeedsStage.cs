using AutoIF.Core.Seeds;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Copies the chosen seeds into the run as its first instructions: those Seeds:Ids names (from any set), else the
/// run's seed set (<see cref="SeedSets.SeedSetFor"/>); at most Seeds:Max, in catalogue order.
/// </summary>
public sealed class SeedsStage(IDbContextFactory<AutoIfDbContext> contextFactory, StageProgressReporter progress, TimeProvider clock) : IRunStage
{
    public PipelineStage Stage => PipelineStage.Seeds;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        var chosen = run.Settings.Seeds.IdSet()?.ToArray();
        var set = SeedSets.SeedSetFor(run.Settings);
        var seeds = await SeedSets.ChosenFrom(db.SeedInstructions.AsNoTracking(), run.Settings).ToListAsync(cancellationToken);
        if (seeds.Count == 0)
        {
            throw new InvalidOperationException(chosen is null
                ? $"The seed set '{set}' holds no seeds; add some on the Seeds page or choose another set."
                : $"None of the seeds Seeds:Ids names ({run.Settings.Seeds.Ids}) exists; see the Seeds page for their ids.");
        }
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
