using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Pairs each kept instruction with Compose:QueriesPerInstruction queries drawn from the run's kept pool (a seeded,
/// per-instruction shuffle, so a rerun draws the same ones) and joins them with <see cref="PromptComposer"/>.
/// </summary>
public sealed class ComposeStage(IDbContextFactory<AutoIfDbContext> contextFactory, StageProgressReporter progress) : IRunStage
{
    private const int InstructionsPerBatch = 200;

    public PipelineStage Stage => PipelineStage.Compose;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        RunSettings settings;
        List<(int Id, string Text, bool IsDemo)> instructions;
        List<(int Id, string Text)> queries;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            settings = await db.RunSettingsAsync(runId, cancellationToken);
            instructions = (await db.Instructions.AsNoTracking().Where(i => i.RunId == runId).Where(EffectiveStatus.ContinuesInPipeline<Instruction>())
                .OrderBy(i => i.Id).Select(i => new { i.Id, i.Text, i.IsDemo }).ToListAsync(cancellationToken)).Select(i => (i.Id, i.Text, i.IsDemo)).ToList();
            queries = (await db.Queries.AsNoTracking().Where(q => q.RunId == runId && q.Status == ItemStatus.Kept)
                .OrderBy(q => q.Id).Select(q => new { q.Id, q.Text }).ToListAsync(cancellationToken)).Select(q => (q.Id, q.Text)).ToList();
        }
        await progress.StartAsync(runId, Stage, instructions.Count, cancellationToken);
        if (queries.Count == 0 && instructions.Count > 0)
        {
            throw new InvalidOperationException("The run has no kept queries to compose prompts with; import a query pool or relax Queries:MinLength/MaxLength.");
        }
        var perInstruction = Math.Min(settings.Compose.QueriesPerInstruction, queries.Count);
        var done = 0;
        foreach (var batch in instructions.Chunk(InstructionsPerBatch))
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var ids = batch.Select(i => i.Id).ToList();
            var existing = (await db.ComposedPrompts.Where(p => ids.Contains(p.InstructionId) && p.Round == 0).Select(p => new { p.InstructionId, p.QueryId }).ToListAsync(cancellationToken))
                .Select(p => (p.InstructionId, p.QueryId)).ToHashSet();
            foreach (var instruction in batch)
            {
                var random = StableRandom.For(settings.RandomSeed, instruction.Id);
                foreach (var query in StableRandom.Sample(queries, perInstruction, random))
                {
                    if (existing.Contains((instruction.Id, query.Id)))
                    {
                        continue;
                    }
                    db.ComposedPrompts.Add(new ComposedPrompt
                    {
                        RunId = runId, InstructionId = instruction.Id, QueryId = query.Id, Round = 0, IsDemo = instruction.IsDemo,
                        Text = PromptComposer.Compose(query.Text, instruction.Text),
                    });
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            done += batch.Length;
            await progress.ReportAsync(runId, Stage, done, cancellationToken);
        }
        await progress.CompleteAsync(runId, Stage, instructions.Count, cancellationToken, $"{perInstruction} queries per instruction from a pool of {queries.Count}");
    }
}
