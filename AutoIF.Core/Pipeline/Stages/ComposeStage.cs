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
/// The k draws use a random of their own, so the queries drawn are those of a single-instruction run. The checks of
/// a batch of prompts are asked together, in rounds (decision 045).
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
        Dictionary<int, long> places;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            settings = await db.RunSettingsAsync(runId, cancellationToken);
            instructions = (await db.Instructions.AsNoTracking().Where(i => i.RunId == runId).Where(EffectiveStatus.ContinuesInPipeline<Instruction>())
                .OrderBy(i => i.Id).Select(i => new { i.Id, i.Text, i.IsDemo }).ToListAsync(cancellationToken)).Select(i => (i.Id, i.Text, i.IsDemo)).ToList();
            queries = (await db.Queries.AsNoTracking().Where(q => q.RunId == runId && q.Status == ItemStatus.Kept)
                .OrderBy(q => q.Id).Select(q => new { q.Id, q.Text }).ToListAsync(cancellationToken)).Select(q => (q.Id, q.Text)).ToList();
            // The draws are salted by an instruction's place among all the run's instructions (1, 2, …), not by its id: an
            // id depends on what else the database holds (another run's rows, interleaved while runs work at once), and the
            // same inputs and seed must draw the same prompts in any database. In a database holding only this run the
            // place is the id, so those draws are the ones an id salt made.
            places = (await db.Instructions.AsNoTracking().Where(i => i.RunId == runId).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken))
                .Select((id, n) => (id, Place: n + 1L)).ToDictionary(i => i.id, i => i.Place);
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
            // A batch's prompts are stored together, so an instruction with a prompt has all of its own.
            var existing = (await db.ComposedPrompts.Where(p => ids.Contains(p.InstructionId) && p.Round == 0).Select(p => p.InstructionId).Distinct().ToListAsync(cancellationToken))
                .ToHashSet();
            // Every prompt of the batch is drawn first (no draw depends on an answer), prompts stored already included,
            // so the draws after them are those of the first pass.
            var drawn = new List<DrawnPrompt>();
            foreach (var instruction in batch)
            {
                var place = places[instruction.Id];
                var random = StableRandom.For(settings.RandomSeed, place);
                var constraintRandom = StableRandom.For(settings.RandomSeed, ConstraintSalt + place);
                var rest = maxK > 1 ? instructions.Where(i => i.Id != instruction.Id).ToList() : [];
                foreach (var query in StableRandom.Sample(queries, perInstruction, random))
                {
                    var count = maxK > 1 ? constraintRandom.Next(minK, maxK + 1) - 1 : 0;
                    var candidates = count > 0 ? StableRandom.Sample(rest, Math.Min(rest.Count, count * CandidatesPerSlot), constraintRandom) : [];
                    drawn.Add(new DrawnPrompt(instruction, query, count, candidates));
                }
            }
            await DecideDrawnPairsAsync(runId, drawn, cancellationToken);
            foreach (var prompt in drawn.Where(p => !existing.Contains(p.Lead.Id)))
            {
                var others = Walk(prompt).Chosen;
                db.ComposedPrompts.Add(new ComposedPrompt
                {
                    RunId = runId, InstructionId = prompt.Lead.Id, QueryId = prompt.Query.Id, Round = 0, IsDemo = prompt.Lead.IsDemo || others.Any(o => o.IsDemo),
                    Text = PromptComposer.Compose(prompt.Query.Text, [prompt.Lead.Text, .. others.Select(o => o.Text)]),
                    Constraints = [.. others.Select((o, n) => new PromptConstraint { RunId = runId, InstructionId = o.Id, Position = n + 1 })],
                });
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
    /// Decides, in rounds, exactly the pairs the prompts' walks meet: each round takes the first undecided pair of every
    /// walk and decides them all together (<see cref="ConstraintCompatibilityChecker.DecideAsync"/>), until no walk meets
    /// one. Asking one pair at a time in draw order would decide the same pairs and compose the same prompts, at the
    /// cost of one model round trip per check.
    /// </summary>
    private async Task DecideDrawnPairsAsync(int runId, List<DrawnPrompt> drawn, CancellationToken cancellationToken)
    {
        while (drawn.Select(p => Walk(p).Undecided).Where(u => u is not null).Select(u => u!.Value).ToList() is { Count: > 0 } undecided)
        {
            await compatibility.DecideAsync(runId, undecided, cancellationToken);
        }
    }

    /// <summary>
    /// Up to <see cref="DrawnPrompt.Count"/> instructions besides the lead, taken from its candidates in draw order, each
    /// compatible with the lead and with those taken before it; a slot with no compatible candidate among
    /// <see cref="CandidatesPerSlot"/> tries stays empty, so a prompt never carries a conflicting pair. The walk stops at
    /// the first pair not decided yet and names it.
    /// </summary>
    private (List<(int Id, string Text, bool IsDemo)> Chosen, ((int Id, string Text), (int Id, string Text))? Undecided) Walk(DrawnPrompt prompt)
    {
        var chosen = new List<(int Id, string Text, bool IsDemo)>();
        foreach (var candidate in prompt.Candidates)
        {
            if (chosen.Count == prompt.Count)
            {
                break;
            }
            var fits = true;
            foreach (var other in chosen.Prepend(prompt.Lead))
            {
                var known = compatibility.Known(other.Id, candidate.Id);
                if (known is null)
                {
                    return (chosen, ((other.Id, other.Text), (candidate.Id, candidate.Text)));
                }
                if (known == false)
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
        return (chosen, null);
    }

    /// <summary>A prompt as drawn: its lead instruction, its query, how many others it takes and the candidates for them in draw order.</summary>
    private sealed record DrawnPrompt(
        (int Id, string Text, bool IsDemo) Lead, (int Id, string Text) Query, int Count, IReadOnlyList<(int Id, string Text, bool IsDemo)> Candidates);
}
