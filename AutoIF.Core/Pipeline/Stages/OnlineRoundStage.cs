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
            // Names come from the EF model and the pipeline rule from EffectiveStatus; only the run id and round are data.
            var names = new SqlNames(db);
            var prompts = names.Table<ComposedPrompt>();
            var (id, runColumn, instruction, query, text, source, roundColumn, demo) = (
                names.Column((ComposedPrompt p) => p.Id), names.Column((ComposedPrompt p) => p.RunId), names.Column((ComposedPrompt p) => p.InstructionId),
                names.Column((ComposedPrompt p) => p.QueryId), names.Column((ComposedPrompt p) => p.Text), names.Column((ComposedPrompt p) => p.SourceText),
                names.Column((ComposedPrompt p) => p.Round), names.Column((ComposedPrompt p) => p.IsDemo));
            var sql = $$"""
                INSERT INTO {{prompts}} ({{runColumn}}, {{instruction}}, {{query}}, {{text}}, {{source}}, {{roundColumn}}, {{demo}})
                SELECT p.{{runColumn}}, p.{{instruction}}, p.{{query}}, p.{{text}}, p.{{source}}, {1}, p.{{demo}}
                FROM {{prompts}} AS p INNER JOIN {{names.Table<Instruction>()}} AS i ON i.{{names.Column((Instruction i) => i.Id)}} = p.{{instruction}}
                WHERE p.{{runColumn}} = {0} AND p.{{roundColumn}} = 0 AND {{names.ContinuesInPipeline<Instruction>("i")}}
                  AND NOT EXISTS (SELECT 1 FROM {{prompts}} AS q
                                  WHERE q.{{instruction}} = p.{{instruction}} AND q.{{query}} IS NOT DISTINCT FROM p.{{query}} AND q.{{roundColumn}} = {1})
                ORDER BY p.{{id}}
                """;
            await db.Database.ExecuteSqlRawAsync(sql, [runId, round], cancellationToken);
            // A prompt carrying several constraints (decision 024) carries the same ones in round N, so its resampled
            // responses are verified per constraint and paired by the same rule as round 0. Its own statement, also
            // skipping what a crashed round copied, so a round that stopped between the two statements completes.
            var promptConstraints = names.Table<PromptConstraint>();
            var (constraintRun, constraintPrompt, constraintInstruction, position) = (
                names.Column((PromptConstraint c) => c.RunId), names.Column((PromptConstraint c) => c.PromptId),
                names.Column((PromptConstraint c) => c.InstructionId), names.Column((PromptConstraint c) => c.Position));
            var constraints = $$"""
                INSERT INTO {{promptConstraints}} ({{constraintRun}}, {{constraintPrompt}}, {{constraintInstruction}}, {{position}})
                SELECT c.{{constraintRun}}, q.{{id}}, c.{{constraintInstruction}}, c.{{position}}
                FROM {{promptConstraints}} AS c
                INNER JOIN {{prompts}} AS p ON p.{{id}} = c.{{constraintPrompt}}
                INNER JOIN {{prompts}} AS q ON q.{{runColumn}} = p.{{runColumn}} AND q.{{instruction}} = p.{{instruction}} AND q.{{query}} IS NOT DISTINCT FROM p.{{query}} AND q.{{roundColumn}} = {1}
                WHERE c.{{constraintRun}} = {0} AND p.{{roundColumn}} = 0
                  AND NOT EXISTS (SELECT 1 FROM {{promptConstraints}} AS d WHERE d.{{constraintPrompt}} = q.{{id}} AND d.{{position}} = c.{{position}})
                ORDER BY q.{{id}}, c.{{position}}
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
