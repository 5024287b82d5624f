using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Natural-language inference with the original instruction as premise and each back-translation as hypothesis.
/// Any contradiction drops the instruction; the others are kept and go on to composing prompts.
/// </summary>
public sealed class ConsistencyStage(
    IDbContextFactory<AutoIfDbContext> contextFactory,
    LlmStageClient llm,
    PromptTemplates templates,
    StageProgressReporter progress) : IRunStage
{
    public PipelineStage Stage => PipelineStage.Consistency;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        List<(int Id, string Premise, string Hypothesis)> todo;
        int total;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var query = db.BackTranslations.AsNoTracking().Where(b => b.RunId == runId)
                .Join(db.Instructions.Where(i => i.Status == ItemStatus.Pending), b => b.InstructionId, i => i.Id, (b, i) => new { b.Id, b.Label, Premise = i.Text, Hypothesis = b.Text });
            total = await query.CountAsync(cancellationToken);
            todo = (await query.Where(b => b.Label == NliLabel.Unknown).OrderBy(b => b.Id).ToListAsync(cancellationToken))
                .Select(b => (b.Id, b.Premise, b.Hypothesis)).ToList();
        }
        await progress.StartAsync(runId, Stage, total, cancellationToken);
        var done = total - todo.Count;
        var failures = new TransientCallFailures(Stage);
        foreach (var batch in todo.Chunk(llm.CallsPerBatch()))
        {
            var answers = await LlmStageClient.FanOutAsync(batch, pair => llm.CompleteAsync(new LlmRequest
            {
                Kind = PromptKind.Nli,
                Messages = [LlmMessage.User(templates.Nli(pair.Premise, pair.Hypothesis))],
                Temperature = 0,
                RunId = runId,
                Stage = Stage,
            }, NliLabelParser.Parse, cancellationToken));
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                if (failures.Record(answers[i].Result))
                {
                    continue;
                }
                // An unreadable answer counts as neutral: only a stated contradiction removes an instruction.
                var label = answers[i].Succeeded ? answers[i].Value : NliLabel.Neutral;
                var raw = answers[i].Result.Text.Length > 500 ? answers[i].Result.Text[..500] : answers[i].Result.Text;
                await db.BackTranslations.Where(b => b.Id == batch[i].Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Label, label).SetProperty(b => b.LabelRaw, raw), cancellationToken);
            }
            done += batch.Length;
            await progress.ReportAsync(runId, Stage, done, cancellationToken);
        }

        // Before any instruction is kept: one whose label is missing must not pass unchecked.
        failures.ThrowIfAny();
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            var contradicted = await db.BackTranslations.Where(b => b.RunId == runId && b.Label == NliLabel.Contradiction)
                .GroupBy(b => b.InstructionId).Select(g => new { InstructionId = g.Key, Text = g.OrderBy(b => b.Id).Select(b => b.Text).First() })
                .ToListAsync(cancellationToken);
            foreach (var item in contradicted)
            {
                var reason = $"a back-translation contradicts it: \"{Shorten(item.Text)}\"";
                await db.Instructions.Where(i => i.Id == item.InstructionId && i.Status == ItemStatus.Pending).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.Status, ItemStatus.Dropped).SetProperty(i => i.DropStage, Stage).SetProperty(i => i.DropReason, reason), cancellationToken);
            }
            var kept = await db.Instructions.Where(i => i.RunId == runId && i.Status == ItemStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ItemStatus.Kept), cancellationToken);
            await progress.CompleteAsync(runId, Stage, total, cancellationToken, $"{contradicted.Count} instructions contradicted, {kept} kept");
        }
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
