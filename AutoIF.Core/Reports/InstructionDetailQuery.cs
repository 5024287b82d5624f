using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Reports;

/// <summary>The instruction detail page: verifiers, matrix, back-translations and reviews in one short-lived context; responses and DPO pairs paged.</summary>
public sealed class InstructionDetailQuery(IDbContextFactory<AutoIfDbContext> contextFactory)
{
    public async Task<InstructionDetail?> ExecuteAsync(int instructionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var head = await db.Instructions.AsNoTracking().Where(i => i.Id == instructionId)
            .Select(i => new { i.Id, i.RunId, RunName = i.Run!.Name, i.Text, i.Origin, i.Status, i.DropStage, i.DropReason, i.PassRate, i.ReviewState, i.IsDemo })
            .SingleOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return null;
        }
        var verifiers = await db.Verifiers.AsNoTracking().Where(v => v.InstructionId == instructionId).OrderBy(v => v.SampleIndex).ThenBy(v => v.Id)
            .Select(v => new VerifierDetail(v.Id, v.SampleIndex, v.Version, v.Kind, v.Source, v.CompileStatus, v.CompileError, v.CaseAccuracy,
                v.Status, v.DropStage, v.DropReason, v.ReviewState, v.IsDemo))
            .ToListAsync(cancellationToken);
        var cases = await db.TestCases.AsNoTracking().Where(c => c.InstructionId == instructionId).OrderBy(c => c.Id)
            .Select(c => new TestCaseRow(c.Id, c.Input, c.Expected, c.IsSelfTest, c.Agreement, c.Status, c.DropReason))
            .ToListAsync(cancellationToken);
        var verifierIds = verifiers.Select(v => v.Id).ToList();
        var matrix = await db.CaseResults.AsNoTracking().Where(r => verifierIds.Contains(r.VerifierId))
            .Select(r => new MatrixCell(r.VerifierId, r.TestCaseId, r.Verdict, r.Detail))
            .ToListAsync(cancellationToken);
        var backTranslations = await db.BackTranslations.AsNoTracking().Where(b => b.InstructionId == instructionId).OrderBy(b => b.Id)
            .Select(b => new BackTranslationRow(b.Id, b.VerifierId, b.Text, b.Label, b.LabelRaw, b.IsDemo))
            .ToListAsync(cancellationToken);
        var verifierTargets = verifierIds.Select(id => (long)id).ToList();
        var pairTargets = db.DpoPairs.Where(p => p.InstructionId == instructionId).Select(p => p.Id);
        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => (r.Target == ReviewTarget.Instruction && r.TargetId == instructionId) || (r.Target == ReviewTarget.Verifier && verifierTargets.Contains(r.TargetId))
                || (r.Target == ReviewTarget.Pair && pairTargets.Contains(r.TargetId)))
            .OrderByDescending(r => r.Id)
            .Select(r => new ReviewRow(r.Id, r.Target, r.TargetId, r.Decision, r.AutomaticStatus, r.Note, r.Reviewer, r.CreatedAt))
            .ToListAsync(cancellationToken);
        var responseCount = await OfInstruction(db, instructionId).CountAsync(cancellationToken);
        return new InstructionDetail(head.Id, head.RunId, head.RunName, head.Text, head.Origin, head.Status, head.DropStage, head.DropReason, head.PassRate,
            head.ReviewState, head.IsDemo, responseCount, verifiers, cases, matrix, backTranslations, reviews);
    }

    /// <summary>The seeds shown in the prompt that produced the instruction, and how many instructions were made from it as a seed.</summary>
    public async Task<InstructionLineage> LineageAsync(int instructionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var seeds = await (from link in db.InstructionSeeds.AsNoTracking()
                           join seed in db.Instructions on link.SeedInstructionId equals seed.Id
                           where link.InstructionId == instructionId
                           orderby seed.Id
                           select new LineageSeed(seed.Id, seed.Text))
            .ToListAsync(cancellationToken);
        var madeFrom = await db.InstructionSeeds.CountAsync(l => l.SeedInstructionId == instructionId, cancellationToken);
        return new InstructionLineage(seeds, madeFrom);
    }

    /// <summary>One page of an instruction's DPO pairs (by id) with both sides' texts and reviews.</summary>
    public async Task<PairPage> PairsAsync(int instructionId, int skip, int take, CancellationToken cancellationToken = default)
    {
        take = Math.Clamp(take, 1, 100);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var all = db.WithSides(db.DpoPairs.AsNoTracking().Where(p => p.InstructionId == instructionId));
        var total = await all.CountAsync(cancellationToken);
        var rows = await (
                from s in all
                join cc in db.TestCases on s.Pair.ChosenCaseId equals (int?)cc.Id into chosenCases
                from cc in chosenCases.DefaultIfEmpty()
                join xc in db.TestCases on s.Pair.RejectedCaseId equals (int?)xc.Id into rejectedCases
                from xc in rejectedCases.DefaultIfEmpty()
                join p in db.ComposedPrompts on s.Pair.PromptId equals (int?)p.Id into prompts
                from p in prompts.DefaultIfEmpty()
                orderby s.Pair.Id
                select new PairRow(
                    s.Pair.Id, s.Pair.Level, s.Pair.Round, p == null ? null : p.Text, s.Pair.ChosenResponseId, s.Pair.RejectedResponseId,
                    s.Chosen != null ? s.Chosen!.Text : cc != null ? cc.Input : null,
                    s.Rejected != null ? s.Rejected!.Text : xc != null ? xc.Input : null,
                    s.Pair.ChosenAccuracy, s.Pair.RejectedAccuracy,
                    s.Chosen == null ? null : s.Chosen!.ReviewState,
                    s.Rejected == null ? null : s.Rejected!.ReviewState,
                    s.Pair.Status, s.Pair.DropStage, s.Pair.DropReason, s.Pair.ReviewState))
            .Skip(Math.Max(0, skip)).Take(take)
            .ToListAsync(cancellationToken);
        return new PairPage(rows, total);
    }

    /// <summary>One page of an instruction's responses (by id, using the InstructionId index) with their verdicts.</summary>
    public async Task<ResponsePage> ResponsesAsync(int instructionId, int skip, int take, CancellationToken cancellationToken = default)
    {
        take = Math.Clamp(take, 1, 100);
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var all = OfInstruction(db, instructionId).AsNoTracking();
        var total = await all.CountAsync(cancellationToken);
        var rows = await all.OrderBy(r => r.Id).Skip(Math.Max(0, skip)).Take(take)
            .Select(r => new { r.Id, Prompt = r.Prompt!.Text, r.Text, r.Reasoning, r.Origin, r.SampleIndex, r.Round, r.Accuracy, r.JudgeScore, r.JudgeRationale, r.Status, r.DropStage, r.DropReason, r.ReviewState, r.IsDemo })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var verdicts = (await db.Verdicts.AsNoTracking().Where(v => ids.Contains(v.ResponseId))
            .Select(v => new { v.ResponseId, v.VerifierId, v.Kind, v.Detail }).ToListAsync(cancellationToken))
            .ToLookup(v => v.ResponseId, v => new ResponseVerdict(v.VerifierId, v.Kind, v.Detail));
        return new ResponsePage(
            [.. rows.Select(r => new ResponseRow(r.Id, r.Prompt, r.Text, r.Reasoning, r.Origin, r.SampleIndex, r.Round, r.Accuracy, r.JudgeScore, r.JudgeRationale,
                r.Status, r.DropStage, r.DropReason, r.ReviewState, r.IsDemo, [.. verdicts[r.Id].OrderBy(v => v.VerifierId)]))],
            total);
    }

    /// <summary>
    /// The instruction's responses: those it leads, and those to prompts carrying it among several constraints (decision 024),
    /// so a multi-constraint response counts under each of its instructions.
    /// </summary>
    private static IQueryable<Response> OfInstruction(AutoIfDbContext db, int instructionId) =>
        db.Responses.Where(r => r.InstructionId == instructionId || db.PromptConstraints.Any(c => c.PromptId == r.PromptId && c.InstructionId == instructionId));

    /// <summary>The combinations with this instruction the run found conflicting, with their reasons (decision 025).</summary>
    public async Task<IReadOnlyList<ConstraintConflictRow>> ConflictsAsync(int instructionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.ConstraintCompatibilities.AsNoTracking()
            .Where(c => !c.Compatible && (c.FirstInstructionId == instructionId || c.SecondInstructionId == instructionId))
            .Select(c => new { Other = c.FirstInstructionId == instructionId ? c.SecondInstructionId : c.FirstInstructionId, c.Evidence, c.Reason })
            .Join(db.Instructions, c => c.Other, i => i.Id, (c, i) => new { c.Other, i.Text, c.Evidence, c.Reason })
            .OrderBy(c => c.Other)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ConstraintConflictRow(r.Other, r.Text, r.Evidence, r.Reason))];
    }
}
