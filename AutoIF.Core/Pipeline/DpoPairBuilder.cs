using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Builds the DPO pairs of one round, replacing any built before (so rebuilding is idempotent).
/// Query level: per prompt, chosen responses have accuracy ≥ Dpo:ChosenMinAccuracy and, with Dpo:RequireJudge, passed
/// the judge (online rounds are not judged, so there a verified response suffices); rejected responses have accuracy 0;
/// for a prompt with several constraints a chosen one also passes every constraint and a rejected one fails at least one;
/// Dpo:Sampling "best" pairs the best two chosen (accuracy, then judge score) with the first two rejected, "random" draws
/// them as the scripts do (seeded); at most Dpo:MaxPairsPerPrompt. A response counted once as another's duplicate takes
/// no side, nor does an empty answer (decision 020). Instruction level (round 0, Dpo:InstructionLevel): per kept instruction, a test case that every kept
/// function accepts is chosen over one that none accepts. A human approval makes a response eligible as chosen; a human
/// rejection excludes it from both sides (<see cref="PairEffectiveStatus.TakesASide{T}"/>, the side part of the pair rule).
/// A pair is stored kept; a human decision on a pair of the round survives the rebuild when the same pair is built again
/// (same level and sides): the new row takes its review state and its review history.
/// </summary>
public sealed class DpoPairBuilder(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    private const int SidesPerPrompt = 2;

    /// <summary>Prompts whose responses are read (and paired) at a time; settable for tests.</summary>
    internal int PromptsPerPage { get; init; } = 10_000;

    public async Task<(int QueryPairs, int InstructionPairs)> BuildAsync(int runId, int round, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.RunSettingsAsync(runId, cancellationToken);
        var max = settings.Dpo.MaxPairsPerPrompt;
        var minChosen = settings.Dpo.ChosenMinAccuracy;
        var judge = settings.Judge;
        var dpo = settings.Dpo;
        var verify = settings.Verify;
        // An empty answer (nothing after the reasoning) takes no side either: exports carry the answer alone, and an empty
        // rejected side teaches nothing about the instruction.
        var emptyAnswer = DropReasons.EmptyAnswer.Code;
        var scored = db.Responses.AsNoTracking().Where(r => r.RunId == runId && r.Round == round && r.Accuracy != null && r.DuplicateOfId == null && r.DropReasonCode != emptyAnswer)
            .Where(PairEffectiveStatus.TakesASide<Response>());

        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var reviewed = await db.DpoPairs.AsNoTracking().Where(p => p.RunId == runId && p.Round == round && p.ReviewState != ReviewState.None).ToListAsync(cancellationToken);
        await db.DpoPairs.Where(p => p.RunId == runId && p.Round == round).ExecuteDeleteAsync(cancellationToken);
        // A page of prompts at a time, every response of each: memory stays flat however large the round, and the pairs
        // get their ids in prompt order as before.
        var queryPairs = 0;
        var lastPrompt = 0;
        while (true)
        {
            var after = lastPrompt;
            var prompts = await scored.Where(r => r.PromptId > after).Select(r => r.PromptId).Distinct().OrderBy(id => id).Take(PromptsPerPage).ToListAsync(cancellationToken);
            if (prompts.Count == 0)
            {
                break;
            }
            var (first, last) = (prompts[0], prompts[^1]);
            // The random draw is salted by a prompt's place among the run's prompts (1, 2, …), not by its id, which depends on
            // what else the database holds (as in ComposeStage). In a database holding only this run the place is the id.
            var before = dpo.Sampling == DpoSampling.Random ? await db.ComposedPrompts.CountAsync(p => p.RunId == runId && p.Id < first, cancellationToken) : 0;
            var places = dpo.Sampling == DpoSampling.Random
                ? (await db.ComposedPrompts.Where(p => p.RunId == runId && p.Id >= first && p.Id <= last).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken))
                    .Select((id, n) => (id, Place: before + n + 1L)).ToDictionary(p => p.id, p => p.Place)
                : [];
            var responses = await scored.Where(r => r.PromptId >= first && r.PromptId <= last)
                .Select(r => new { r.Id, r.PromptId, r.InstructionId, Accuracy = r.Accuracy!.Value, r.JudgeScore, r.ReviewState })
                .ToListAsync(cancellationToken);
            var severalConstraints = (await db.PromptConstraints.Where(c => c.PromptId >= first && c.PromptId <= last).Select(c => c.PromptId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            var pairs = new List<DpoPair>();
            foreach (var prompt in responses.GroupBy(r => r.PromptId).OrderBy(g => g.Key))
            {
                // Several constraints (decision 024): a response's accuracy is its weakest constraint's, so "passes every
                // constraint" is the verify rule on it, and a rejected side is one that fails at least one.
                var several = severalConstraints.Contains(prompt.Key);
                var chosen = prompt
                    .Where(r => r.ReviewState == ReviewState.Approved
                        || (r.Accuracy >= minChosen && (!several || verify.MinAccuracyRule.Passes(r.Accuracy, verify.MinAccuracy))
                            && (!dpo.RequireJudge || (r.JudgeScore is { } score && judge.MinScoreRule.Passes(score, judge.MinScore)) || (r.JudgeScore is null && round > 0))))
                    .OrderByDescending(r => r.Accuracy).ThenByDescending(r => r.JudgeScore ?? -1).ThenBy(r => r.Id).ToList();
                var rejected = prompt.Where(r => (several ? !verify.MinAccuracyRule.Passes(r.Accuracy, verify.MinAccuracy) : r.Accuracy == 0) && r.ReviewState != ReviewState.Approved)
                    .OrderBy(r => r.Id).ToList();
                if (dpo.Sampling == DpoSampling.Random)
                {
                    // The scripts: two of each side when either side has two, else one of each, drawn without replacement.
                    var sides = chosen.Count >= SidesPerPrompt || rejected.Count >= SidesPerPrompt ? SidesPerPrompt : 1;
                    var random = StableRandom.For(settings.RandomSeed, places[prompt.Key]);
                    chosen = [.. StableRandom.Sample(chosen.OrderBy(r => r.Id).ToList(), sides, random)];
                    rejected = [.. StableRandom.Sample(rejected, sides, random)];
                }
                else
                {
                    chosen = [.. chosen.Take(SidesPerPrompt)];
                    rejected = [.. rejected.Take(SidesPerPrompt)];
                }
                pairs.AddRange(chosen.SelectMany(c => rejected.Select(x => new DpoPair
                {
                    RunId = runId, InstructionId = c.InstructionId, Level = PairLevel.Query, PromptId = prompt.Key, Round = round,
                    ChosenResponseId = c.Id, RejectedResponseId = x.Id, ChosenAccuracy = c.Accuracy, RejectedAccuracy = x.Accuracy,
                })).Take(max));
            }
            await InsertAsync(db, pairs, cancellationToken);
            queryPairs += pairs.Count;
            lastPrompt = last;
        }
        var instructionPairs = round == 0 && dpo.InstructionLevel ? await InstructionPairsAsync(db, runId, max, cancellationToken) : [];
        await InsertAsync(db, instructionPairs, cancellationToken);
        await CarryOverReviewsAsync(db, reviewed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (queryPairs, instructionPairs.Count);
    }

    private static async Task InsertAsync(AutoIfDbContext db, List<DpoPair> pairs, CancellationToken cancellationToken)
    {
        if (pairs.Count == 0)
        {
            return;
        }
        var columns = new JsonRowColumns<DpoPair>(db)
            .Add(p => p.RunId).Add(p => p.InstructionId).Add(p => p.Level).Add(p => p.PromptId)
            .Add(p => p.ChosenResponseId).Add(p => p.RejectedResponseId).Add(p => p.ChosenCaseId).Add(p => p.RejectedCaseId)
            .Add(p => p.ChosenAccuracy).Add(p => p.RejectedAccuracy).Add(p => p.Round).Add(p => p.Status).Add(p => p.ReviewState);
        await JsonRows.ExecuteAsync(db, $$"""INSERT INTO {{columns.Table}} ({{columns.Names}}) SELECT {{columns.Values}} FROM {0}""", columns.Serialize(pairs), cancellationToken);
    }

    /// <summary>
    /// A reviewed pair built again (same run, round, level and sides) gets its review state back, and its reviews point at
    /// the new row, so rebuilding loses no human decision. Reviewed pairs are few (people review them), so one by one.
    /// A reviewed pair not built again is gone; its reviews stay in the history of the run.
    /// </summary>
    private static async Task CarryOverReviewsAsync(AutoIfDbContext db, List<DpoPair> reviewed, CancellationToken cancellationToken)
    {
        foreach (var old in reviewed)
        {
            var rebuilt = await db.DpoPairs.Where(p => p.RunId == old.RunId && p.Round == old.Round && p.Level == old.Level
                    && p.ChosenResponseId == old.ChosenResponseId && p.RejectedResponseId == old.RejectedResponseId
                    && p.ChosenCaseId == old.ChosenCaseId && p.RejectedCaseId == old.RejectedCaseId)
                .Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
            if (rebuilt is not { } id)
            {
                continue;
            }
            await db.DpoPairs.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ReviewState, old.ReviewState), cancellationToken);
            await db.Reviews.Where(r => r.Target == ReviewTarget.Pair && r.TargetId == old.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.TargetId, id), cancellationToken);
        }
    }

    private static async Task<List<DpoPair>> InstructionPairsAsync(AutoIfDbContext db, int runId, int max, CancellationToken cancellationToken)
    {
        var keptVerifiers = db.Verifiers.Where(v => v.RunId == runId)
            .Where(EffectiveStatus.ContinuesInPipeline((Verifier v) => v.Instruction!))
            .Where(EffectiveStatus.Is<Verifier>(ItemStatus.Kept));
        var verifierCounts = await keptVerifiers.GroupBy(v => v.InstructionId).Select(g => new { InstructionId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.InstructionId, g => g.Count, cancellationToken);
        var passes = await db.CaseResults
            .Join(keptVerifiers, r => r.VerifierId, v => v.Id, (r, v) => new { r.TestCaseId, v.InstructionId, r.Verdict })
            .GroupBy(x => new { x.TestCaseId, x.InstructionId })
            .Select(g => new { g.Key.TestCaseId, g.Key.InstructionId, Passed = g.Count(x => x.Verdict == VerdictKind.True), Ran = g.Count() })
            .ToListAsync(cancellationToken);
        var pairs = new List<DpoPair>();
        foreach (var instruction in passes.GroupBy(p => p.InstructionId).OrderBy(g => g.Key))
        {
            var functions = verifierCounts.GetValueOrDefault(instruction.Key);
            var all = instruction.Where(c => c.Ran == functions && c.Passed == functions).OrderBy(c => c.TestCaseId).Take(SidesPerPrompt).ToList();
            var none = instruction.Where(c => c.Ran == functions && c.Passed == 0).OrderBy(c => c.TestCaseId).Take(SidesPerPrompt).ToList();
            pairs.AddRange(all.SelectMany(c => none.Select(x => new DpoPair
            {
                RunId = runId, InstructionId = instruction.Key, Level = PairLevel.Instruction, Round = 0,
                ChosenCaseId = c.TestCaseId, RejectedCaseId = x.TestCaseId, ChosenAccuracy = 1, RejectedAccuracy = 0,
            })).Take(max));
        }
        return pairs;
    }
}
