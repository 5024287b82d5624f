using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// One online DPO round N: the round-0 prompts of kept instructions are copied as round N, the policy model answers
/// each Dpo:OnlineSamples times at Dpo:OnlineTemperature (0.8), the answers are verified and paired as round N.
/// A round interrupted by a crash is continued, not started again: its prompts exist while Run.OnlineRounds is still N-1.
/// </summary>
public sealed class OnlineRoundStage(
    IDbContextFactory<AutoIfDbContext> contextFactory,
    ResponseSampler sampler,
    ResponseVerifier verifier,
    DpoPairBuilder pairs,
    StageProgressReporter progress)
{
    public PipelineStage Stage => PipelineStage.OnlineRound;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        Run run;
        int round;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
            round = run.OnlineRounds + 1;
            var prompts = await db.ComposedPrompts.AsNoTracking()
                .Where(p => p.RunId == runId && p.Round == 0 && p.Instruction!.Status == ItemStatus.Kept && p.Instruction.ReviewState != ReviewState.Rejected)
                .ToListAsync(cancellationToken);
            if (prompts.Count == 0)
            {
                throw new InvalidOperationException("The run has no training prompts yet: run the pipeline up to Compose before an online round.");
            }
            var existing = (await db.ComposedPrompts.Where(p => p.RunId == runId && p.Round == round).Select(p => new { p.InstructionId, p.QueryId }).ToListAsync(cancellationToken))
                .Select(p => (p.InstructionId, p.QueryId)).ToHashSet();
            db.ComposedPrompts.AddRange(prompts.Where(p => !existing.Contains((p.InstructionId, p.QueryId))).Select(p => new ComposedPrompt
            {
                RunId = runId, InstructionId = p.InstructionId, QueryId = p.QueryId, Text = p.Text, Round = round, IsDemo = p.IsDemo,
            }));
            await db.SaveChangesAsync(cancellationToken);
        }

        await sampler.SampleAsync(runId, Stage, round, LlmRole.Policy, run.Settings.Dpo.OnlineSamples, run.Settings.Dpo.OnlineTemperature, cancellationToken);
        await verifier.VerifyAsync(runId, Stage, round, cancellationToken);
        var (queryPairs, _) = await pairs.BuildAsync(runId, round, cancellationToken);

        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.OnlineRounds, round), cancellationToken);
        }
        await progress.CompleteAsync(runId, Stage, queryPairs, cancellationToken, $"round {round}: {queryPairs} pairs");
    }
}
