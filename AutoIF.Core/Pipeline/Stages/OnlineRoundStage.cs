using AutoIF.Core.Domain;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// One online DPO round N: the round-0 prompts of kept instructions are copied as round N, the policy model answers
/// each Dpo:OnlineSamples times at Dpo:OnlineTemperature (0.8), the answers are verified and paired as round N.
/// A round interrupted by a crash is continued, not started again: its prompts exist while Run.OnlineRounds is still N-1.
/// A prompt with several constraints keeps them all in the round: verified per constraint, paired by the k &gt; 1 rule.
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
            if (!await db.ComposedPrompts.Where(p => p.RunId == runId && p.Round == 0).AnyAsync(EffectiveStatus.ContinuesInPipeline((ComposedPrompt p) => p.Instruction!), cancellationToken))
            {
                throw new InvalidOperationException("The run has no training prompts yet: run the pipeline up to Compose before an online round.");
            }
            // One statement in the database, not an entity per prompt: a run's training prompts can number hundreds of
            // thousands. Those a crashed round already copied are skipped; ORDER BY keeps the new ids in the old order.
            // The one SQL fragment of the pipeline rule (EffectiveStatus), spliced as SQL: it holds no data, only column names and enum values.
            var continues = EffectiveStatus.ContinuesInPipelineSql("i");
            var sql = $$"""
                INSERT INTO "ComposedPrompts" ("RunId", "InstructionId", "QueryId", "Text", "SourceText", "Round", "IsDemo")
                SELECT p."RunId", p."InstructionId", p."QueryId", p."Text", p."SourceText", {1}, p."IsDemo"
                FROM "ComposedPrompts" AS p INNER JOIN "Instructions" AS i ON i."Id" = p."InstructionId"
                WHERE p."RunId" = {0} AND p."Round" = 0 AND {{continues}}
                  AND NOT EXISTS (SELECT 1 FROM "ComposedPrompts" AS q
                                  WHERE q."InstructionId" = p."InstructionId" AND q."QueryId" IS NOT DISTINCT FROM p."QueryId" AND q."Round" = {1})
                ORDER BY p."Id"
                """;
            await db.Database.ExecuteSqlRawAsync(sql, [runId, round], cancellationToken);
            // A prompt carrying several constraints (decision 024) carries the same ones in round N, so its resampled
            // responses are verified per constraint and paired by the same rule as round 0. Its own statement, also
            // skipping what a crashed round copied, so a round that stopped between the two statements completes.
            var constraints = """
                INSERT INTO "PromptConstraints" ("RunId", "PromptId", "InstructionId", "Position")
                SELECT c."RunId", q."Id", c."InstructionId", c."Position"
                FROM "PromptConstraints" AS c
                INNER JOIN "ComposedPrompts" AS p ON p."Id" = c."PromptId"
                INNER JOIN "ComposedPrompts" AS q ON q."RunId" = p."RunId" AND q."InstructionId" = p."InstructionId" AND q."QueryId" IS NOT DISTINCT FROM p."QueryId" AND q."Round" = {1}
                WHERE c."RunId" = {0} AND p."Round" = 0
                  AND NOT EXISTS (SELECT 1 FROM "PromptConstraints" AS d WHERE d."PromptId" = q."Id" AND d."Position" = c."Position")
                ORDER BY q."Id", c."Position"
                """;
            await db.Database.ExecuteSqlRawAsync(constraints, [runId, round], cancellationToken);
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
