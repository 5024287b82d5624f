using System.Globalization;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Self-instruct: each round shows the model a sample of the seeds and asks for new format instructions; new ones are
/// merged into the run, exact duplicates (normalised text hash) skipped and near duplicates kept as dropped rows with
/// the instruction they repeat (<see cref="NearDuplicateDetector"/>). Each new instruction records the seeds its prompt
/// showed (<see cref="InstructionSeedLink"/>).
/// </summary>
public sealed class AugmentStage(LlmStageServices services, TimeProvider clock) : IRunStage
{
    private const int SeedsPerPrompt = 8;
    /// <summary>New instructions each self-instruct round asks for (the run estimate counts with it too).</summary>
    public const int InstructionsPerRound = 10;

    public PipelineStage Stage => PipelineStage.Augment;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        RunSettings settings;
        List<Instruction> existing;
        await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
        {
            settings = await db.RunSettingsAsync(runId, cancellationToken);
            existing = await db.Instructions.AsNoTracking().Where(i => i.RunId == runId).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        }
        var rounds = settings.Augment.Rounds;
        await services.Progress.StartAsync(runId, Stage, rounds, cancellationToken);
        var seeds = existing.Where(i => i.Origin == InstructionOrigin.Seed).Select(i => (i.Id, i.Text)).ToList();
        var hashes = existing.Select(i => i.TextHash).ToHashSet();
        var detector = new NearDuplicateDetector();
        // This stage's new instructions; the detector knows the one at place i as -(i + 1) until ids exist.
        var fresh = new List<Instruction>();
        foreach (var instruction in existing.Where(i => i.Status != ItemStatus.Dropped))
        {
            detector.Add(instruction.Id, instruction.Text);
        }

        var roundsPerBatch = services.Llm.CallsPerBatch();
        var added = 0;
        var nearDuplicates = 0;
        var failedRounds = 0;
        var failures = new TransientCallFailures(Stage);
        for (var start = 0; start < rounds; start += roundsPerBatch)
        {
            var batch = Enumerable.Range(start, Math.Min(roundsPerBatch, rounds - start)).ToList();
            var shown = batch.ToDictionary(round => round, round => SampleSeeds(seeds, settings.RandomSeed, round));
            var answers = await services.Llm.CompleteAllAsync(runId, Stage, batch, round => LlmRequest.For(services.Templates.Augment(shown[round].Select(s => s.Text), InstructionsPerRound)) with
            {
                Temperature = settings.Augment.Temperature,
                SampleIndex = round,
            }, InstructionListParser.Parse, cancellationToken);

            // A batch is stored in one transaction of two writes (its instructions, then their ids' seed links and
            // near-duplicate reasons), not two per instruction: a commit costs milliseconds, the model answers in parallel.
            await using var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var stored = new List<(Instruction Instruction, int Round, (int Id, double Similarity)? Duplicate)>();
            foreach (var (answer, round) in answers.Zip(batch))
            {
                if (failures.Record(answer.Result))
                {
                    continue;
                }
                if (!answer.Succeeded)
                {
                    failedRounds++;
                    continue;
                }
                foreach (var text in answer.Value!)
                {
                    var hash = TextHash.Normalized(text);
                    if (!hashes.Add(hash))
                    {
                        continue;
                    }
                    var duplicate = detector.FindDuplicate(text);
                    var instruction = new Instruction
                    {
                        RunId = runId, Text = text.Trim(), TextHash = hash, Origin = InstructionOrigin.Augmented, CreatedAt = now,
                        IsDemo = answer.Result.IsDemo,
                    };
                    db.Instructions.Add(instruction);
                    stored.Add((instruction, round, duplicate));
                    if (duplicate is null)
                    {
                        // Known by its place until the batch is saved: later texts of the batch are compared with it too.
                        added++;
                        fresh.Add(instruction);
                        detector.Add(-fresh.Count, instruction.Text);
                    }
                    else
                    {
                        nearDuplicates++;
                    }
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            foreach (var (instruction, round, duplicate) in stored)
            {
                db.InstructionSeeds.AddRange(shown[round].Select(s => new InstructionSeedLink { InstructionId = instruction.Id, SeedInstructionId = s.Id }));
                if (duplicate is { } d)
                {
                    var of = d.Id < 0 ? fresh[-d.Id - 1].Id : d.Id;
                    instruction.Drop(Stage, DropReasons.NearDuplicate.With(of.ToString(CultureInfo.InvariantCulture), d.Similarity.ToString("0.00", CultureInfo.InvariantCulture)));
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (answers.Any(a => a.Result.IsDemo))
            {
                await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsDemo, true), cancellationToken);
            }
            await services.Progress.ReportAsync(runId, Stage, start + batch.Count, cancellationToken, Summary(added, nearDuplicates, failedRounds));
        }
        failures.ThrowIfAny();
        await services.Progress.CompleteAsync(runId, Stage, rounds, cancellationToken, Summary(added, nearDuplicates, failedRounds));
    }

    private static string Summary(int added, int nearDuplicates, int failedRounds) =>
        $"{added} new instructions, {nearDuplicates} near duplicates dropped, {failedRounds} rounds without a usable answer";

    // Deterministic per (run seed, round) so a rerun sends the same prompts and is served from the call cache.
    private static List<(int Id, string Text)> SampleSeeds(IReadOnlyList<(int Id, string Text)> seeds, int randomSeed, int round)
    {
        var random = StableRandom.For(randomSeed, round);
        return seeds.OrderBy(_ => random.Next()).Take(SeedsPerPrompt).ToList();
    }
}
