using AutoIF.Core.Domain.State;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// For up to BackTranslation:Functions kept functions per surviving instruction (most accurate first), asks the model
/// which instruction the code checks. An instruction none of whose answers can be read is dropped here, so it never
/// reaches consistency unchecked; a call that failed transiently leaves its function pending for the resume instead.
/// With BackTranslation:Prompt "one-list" (the scripts' way) an instruction's first functions go in one prompt answered
/// as a JSON list; the i-th text is paired with the i-th function when the counts match. Streams behind CrossValidate
/// (decision 051): an instruction's kept functions are final once it is validated, so they are asked about at once.
/// </summary>
public sealed class BackTranslateStage(LlmStageServices services) : IStreamingStage
{
    public PipelineStage Stage => PipelineStage.BackTranslate;

    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) => TranslateAsync(runId, complete: true, cancellationToken);

    /// <summary>
    /// Asks about the functions of the instructions validated so far. A call that failed leaves its function for the
    /// stage's last pass, which asks again, instead of failing the run early.
    /// </summary>
    public Task CatchUpAsync(int runId, CancellationToken cancellationToken) => TranslateAsync(runId, complete: false, cancellationToken);

    private async Task TranslateAsync(int runId, bool complete, CancellationToken cancellationToken)
    {
        List<Chosen> chosen;
        BackTranslationSettings settings;
        await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
        {
            settings = (await db.RunSettingsAsync(runId, cancellationToken)).BackTranslation;
            // Those of instructions an earlier pass dropped here count too, so the total is the stage's whole work.
            var reaching = db.Instructions.Where(i => i.RunId == runId).Reaching(Stage);
            var kept = await db.Verifiers.AsNoTracking()
                .Where(v => v.RunId == runId && v.Kind == VerifierKind.Python && v.Status == ItemStatus.Kept && reaching.Any(i => i.Id == v.InstructionId))
                .Select(v => new { v.InstructionId, v.Id, v.Source, v.CaseAccuracy, Open = v.Instruction!.Status == ItemStatus.Pending })
                .ToListAsync(cancellationToken);
            // The scripts take the first functions as cross-validation listed them; ours the most accurate.
            chosen = kept.GroupBy(v => v.InstructionId)
                .SelectMany(g => (settings.Prompt == BackTranslationPrompt.OneList ? g.OrderBy(v => v.Id) : g.OrderByDescending(v => v.CaseAccuracy).ThenBy(v => v.Id)).Take(settings.Functions))
                .Select(v => new Chosen(v.InstructionId, v.Id, v.Source, v.Open)).OrderBy(v => v.VerifierId).ToList();
        }
        if (settings.Prompt == BackTranslationPrompt.OneList)
        {
            await TranslateListsAsync(runId, chosen, complete, cancellationToken);
            return;
        }
        HashSet<int> translated;
        await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
        {
            translated = (await db.BackTranslations.Where(b => b.RunId == runId && b.VerifierId != null).Select(b => b.VerifierId!.Value).ToListAsync(cancellationToken)).ToHashSet();
        }
        var todo = chosen.Where(c => c.Open && !translated.Contains(c.VerifierId)).ToList();
        if (!complete && todo.Count == 0)
        {
            return;
        }
        await services.Progress.StartAsync(runId, Stage, chosen.Count, cancellationToken, current: complete);
        var done = chosen.Count - todo.Count;
        var failed = 0;
        var unreadable = new HashSet<int>();
        var failures = new TransientCallFailures(Stage);
        var asked = services.Llm.AskAheadAsync(services.Llm.Batches(todo), LlmRole.Supervision,
            (batch, calls) => calls.CompleteAllAsync(runId, Stage, batch, v => LlmRequest.For(services.Templates.BackTranslation(v.Source)), BackTranslationParser.Parse), cancellationToken);
        await foreach (var (batch, answers) in asked)
        {
            await using var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                if (failures.Record(answers[i].Result))
                {
                    continue;
                }
                if (answers[i].Value is { Count: > 0 } texts)
                {
                    db.BackTranslations.Add(new BackTranslation { RunId = runId, InstructionId = batch[i].InstructionId, VerifierId = batch[i].VerifierId, Text = texts[0], IsDemo = answers[i].Result.IsDemo });
                    translated.Add(batch[i].VerifierId);
                }
                else
                {
                    failed++;
                    unreadable.Add(batch[i].VerifierId);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            done += batch.Length;
            await services.Progress.ReportAsync(runId, Stage, done, cancellationToken, $"{failed} answers without an instruction");
        }

        // Every chosen function of these was asked in this pass (none had a back-translation) and none gave one. Final
        // answers only: a function whose call failed transiently is not in the set, so its instruction waits for the resume.
        var noneReadable = chosen.Where(c => c.Open).GroupBy(c => c.InstructionId).Where(g => g.All(c => unreadable.Contains(c.VerifierId))).Select(g => g.Key).ToList();
        if (noneReadable.Count > 0)
        {
            await using var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken);
            await db.Instructions.Where(i => noneReadable.Contains(i.Id) && i.Status == ItemStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetDropped(Stage, DropReasons.NoReadableBackTranslation.With()), cancellationToken);
        }
        if (complete)
        {
            failures.ThrowIfAny();
            var unanswered = chosen.Count(c => !translated.Contains(c.VerifierId));
            var dropped = chosen.Where(c => !c.Open).Select(c => c.InstructionId).Distinct().Count() + noneReadable.Count;
            await services.Progress.CompleteAsync(runId, Stage, chosen.Count, cancellationToken, $"{unanswered} answers without an instruction, {dropped} instructions dropped with none readable");
        }
    }

    private async Task TranslateListsAsync(int runId, List<Chosen> chosen, bool complete, CancellationToken cancellationToken)
    {
        var instructions = chosen.GroupBy(c => c.InstructionId).Select(g => (Id: g.Key, g.First().Open, Functions: g.OrderBy(c => c.VerifierId).ToList())).ToList();
        HashSet<int> translated;
        await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
        {
            translated = (await db.BackTranslations.Where(b => b.RunId == runId).Select(b => b.InstructionId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        }
        var todo = instructions.Where(i => i.Open && !translated.Contains(i.Id)).ToList();
        if (!complete && todo.Count == 0)
        {
            return;
        }
        await services.Progress.StartAsync(runId, Stage, instructions.Count, cancellationToken, current: complete);
        var done = instructions.Count - todo.Count;
        // Dropped by an earlier pass of this stage, for want of a readable list.
        var dropped = instructions.Count(i => !i.Open);
        var failures = new TransientCallFailures(Stage);
        var asked = services.Llm.AskAheadAsync(services.Llm.Batches(todo), LlmRole.Supervision, (batch, calls) => calls.CompleteAllAsync(
            runId, Stage, batch, i => LlmRequest.For(services.Templates.BackTranslationList(i.Functions.Select(f => f.Source))), BackTranslationParser.ParseJsonList), cancellationToken);
        await foreach (var (batch, answers) in asked)
        {
            await using var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken);
            var unreadable = new List<int>();
            for (var i = 0; i < batch.Length; i++)
            {
                if (failures.Record(answers[i].Result))
                {
                    continue;
                }
                if (answers[i].Value is { Count: > 0 } texts)
                {
                    var paired = texts.Count == batch[i].Functions.Count;
                    db.BackTranslations.AddRange(texts.Select((text, k) => new BackTranslation
                    {
                        RunId = runId, InstructionId = batch[i].Id, VerifierId = paired ? batch[i].Functions[k].VerifierId : null, Text = text, IsDemo = answers[i].Result.IsDemo,
                    }));
                }
                else
                {
                    unreadable.Add(batch[i].Id);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            if (unreadable.Count > 0)
            {
                await db.Instructions.Where(i => unreadable.Contains(i.Id) && i.Status == ItemStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetDropped(Stage, DropReasons.NoReadableBackTranslation.With()), cancellationToken);
            }
            dropped += unreadable.Count;
            done += batch.Length;
            await services.Progress.ReportAsync(runId, Stage, done, cancellationToken, $"{dropped} instructions without a readable list");
        }
        if (complete)
        {
            failures.ThrowIfAny();
            await services.Progress.CompleteAsync(runId, Stage, instructions.Count, cancellationToken, $"{dropped} instructions dropped with no readable list");
        }
    }

    private sealed record Chosen(int InstructionId, int VerifierId, string Source, bool Open);
}
