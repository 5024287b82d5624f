using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// For up to BackTranslation:Functions kept functions per surviving instruction (most accurate first), asks the model
/// which instruction the code checks. An instruction none of whose answers can be read is dropped here, so it never
/// reaches consistency unchecked; a call that failed transiently leaves its function pending for the resume instead.
/// </summary>
public sealed class BackTranslateStage(
    IDbContextFactory<AutoIfDbContext> contextFactory,
    LlmStageClient llm,
    PromptTemplates templates,
    StageProgressReporter progress) : IRunStage
{
    public PipelineStage Stage => PipelineStage.BackTranslate;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        List<(int InstructionId, int VerifierId, string Source)> chosen;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var perInstruction = (await db.RunSettingsAsync(runId, cancellationToken)).BackTranslation.Functions;
            var kept = await db.Verifiers.AsNoTracking()
                .Where(v => v.RunId == runId && v.Status == ItemStatus.Kept && v.Instruction!.Status == ItemStatus.Pending)
                .Select(v => new { v.InstructionId, v.Id, v.Source, v.CaseAccuracy })
                .ToListAsync(cancellationToken);
            chosen = kept.GroupBy(v => v.InstructionId)
                .SelectMany(g => g.OrderByDescending(v => v.CaseAccuracy).ThenBy(v => v.Id).Take(perInstruction))
                .Select(v => (v.InstructionId, v.Id, v.Source)).OrderBy(v => v.Id).ToList();
        }
        await progress.StartAsync(runId, Stage, chosen.Count, cancellationToken);
        HashSet<int> translated;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            translated = (await db.BackTranslations.Where(b => b.RunId == runId && b.VerifierId != null).Select(b => b.VerifierId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        }
        var todo = chosen.Where(c => !translated.Contains(c.VerifierId)).ToList();
        var done = chosen.Count - todo.Count;
        var failed = 0;
        var unreadable = new HashSet<int>();
        var failures = new TransientCallFailures(Stage);
        foreach (var batch in todo.Chunk(llm.CallsPerBatch()))
        {
            var answers = await LlmStageClient.FanOutAsync(batch, v => llm.CompleteAsync(LlmRequest.For(templates.BackTranslation(v.Source)) with
            {
                RunId = runId,
                Stage = Stage,
            }, BackTranslationParser.Parse, cancellationToken));
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                if (failures.Record(answers[i].Result))
                {
                    continue;
                }
                if (answers[i].Value is { Count: > 0 } texts)
                {
                    db.BackTranslations.Add(new BackTranslation { RunId = runId, InstructionId = batch[i].InstructionId, VerifierId = batch[i].VerifierId, Text = texts[0], IsDemo = answers[i].Result.IsDemo });
                }
                else
                {
                    failed++;
                    unreadable.Add(batch[i].VerifierId);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            done += batch.Length;
            await progress.ReportAsync(runId, Stage, done, cancellationToken, $"{failed} answers without an instruction");
        }

        // Every chosen function of these was asked in this pass (none had a back-translation) and none gave one. Final
        // answers only: a function whose call failed transiently is not in the set, so its instruction waits for the resume.
        var noneReadable = chosen.GroupBy(c => c.InstructionId).Where(g => g.All(c => unreadable.Contains(c.VerifierId))).Select(g => g.Key).ToList();
        if (noneReadable.Count > 0)
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.Instructions.Where(i => noneReadable.Contains(i.Id) && i.Status == ItemStatus.Pending).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ItemStatus.Dropped)
                .SetProperty(i => i.DropStage, Stage)
                .SetProperty(i => i.DropReason, ConsistencyDropReasons.NoReadableBackTranslation), cancellationToken);
        }
        failures.ThrowIfAny();
        await progress.CompleteAsync(runId, Stage, chosen.Count, cancellationToken, $"{failed} answers without an instruction, {noneReadable.Count} instructions dropped with none readable");
    }
}
