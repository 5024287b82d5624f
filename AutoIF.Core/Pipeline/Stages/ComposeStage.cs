using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Pairs each kept instruction with Compose:QueriesPerInstruction queries drawn from the run's kept pool (a seeded,
/// per-instruction shuffle, so a rerun draws the same ones) and joins them with <see cref="PromptComposer"/>. With
/// Compose:MaxInstructions &gt; 1 each prompt carries k instructions, k drawn per prompt in [MinInstructions,
/// MaxInstructions]: the leading one and k − 1 others drawn from the rest, each accepted only when
/// <see cref="ConstraintCompatibilityChecker"/> finds it compatible with those already on the prompt (decision 025).
/// The k draws use a random of their own, so the queries drawn are those of a single-instruction run.
/// </summary>
public sealed class ComposeStage(IDbContextFactory<AutoIfDbContext> contextFactory, StageProgressReporter progress, ConstraintCompatibilityChecker compatibility) : IRunStage
{
    private const int InstructionsPerBatch = 200;

    /// <summary>Candidates tried for one further slot of a prompt before it is left with fewer instructions than drawn.</summary>
    private const int CandidatesPerSlot = 20;

    /// <summary>Salt of the k draws, apart from the query draws' (the instruction id).</summary>
    private const long ConstraintSalt = 1L << 40;

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
        var (minK, maxK) = (settings.Compose.MinInstructions, Math.Min(settings.Compose.MaxInstructions, instructions.Count));
        if (maxK > 1)
        {
            await compatibility.LoadAsync(runId, cancellationToken);
        }
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
                var constraintRandom = StableRandom.For(settings.RandomSeed, ConstraintSalt + instruction.Id);
                foreach (var query in StableRandom.Sample(queries, perInstruction, random))
                {
                    // Drawn even for a prompt stored already, so the draws after it are those of the first pass.
                    var others = maxK > 1 ? await OthersAsync(runId, instruction, instructions, constraintRandom.Next(minK, maxK + 1) - 1, constraintRandom, cancellationToken) : [];
                    if (existing.Contains((instruction.Id, query.Id)))
                    {
                        continue;
                    }
                    db.ComposedPrompts.Add(new ComposedPrompt
                    {
                        RunId = runId, InstructionId = instruction.Id, QueryId = query.Id, Round = 0, IsDemo = instruction.IsDemo || others.Any(o => o.IsDemo),
                        Text = PromptComposer.Compose(query.Text, [instruction.Text, .. others.Select(o => o.Text)]),
                        Constraints = [.. others.Select((o, n) => new PromptConstraint { RunId = runId, InstructionId = o.Id, Position = n + 1 })],
                    });
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            done += batch.Length;
            await progress.ReportAsync(runId, Stage, done, cancellationToken);
        }
        var message = $"{perInstruction} queries per instruction from a pool of {queries.Count}";
        if (maxK > 1)
        {
            message += $", {minK}–{maxK} instructions per prompt";
        }
        await progress.CompleteAsync(runId, Stage, instructions.Count, cancellationToken, message);
    }

    /// <summary>
    /// Up to <paramref name="count"/> instructions other than <paramref name="lead"/>, drawn from the rest in a seeded
    /// order, each compatible with the lead and with those drawn before it; a slot with no compatible candidate among
    /// <see cref="CandidatesPerSlot"/> tries stays empty, so a prompt never carries a conflicting pair.
    /// </summary>
    private async Task<List<(int Id, string Text, bool IsDemo)>> OthersAsync(
        int runId, (int Id, string Text, bool IsDemo) lead, List<(int Id, string Text, bool IsDemo)> all, int count, Random random, CancellationToken cancellationToken)
    {
        var chosen = new List<(int Id, string Text, bool IsDemo)>();
        if (count <= 0)
        {
            return chosen;
        }
        var rest = all.Where(i => i.Id != lead.Id).ToList();
        var order = StableRandom.Sample(rest, Math.Min(rest.Count, count * CandidatesPerSlot), random);
        foreach (var candidate in order)
        {
            if (chosen.Count == count)
            {
                break;
            }
            var fits = true;
            foreach (var other in chosen.Prepend(lead))
            {
                if (!await compatibility.CompatibleAsync(runId, (other.Id, other.Text), (candidate.Id, candidate.Text), cancellationToken))
                {
                    fits = false;
                    break;
                }
            }
            if (fits)
            {
                chosen.Add(candidate);
            }
        }
        return chosen;
    }
}
