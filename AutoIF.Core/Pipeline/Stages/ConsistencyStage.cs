using AutoIF.Core.Domain.State;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Natural-language inference with the original instruction as premise and each back-translation as hypothesis.
/// Any contradiction drops the instruction; so does an answer with no readable label and an instruction with no
/// back-translation at all, because nothing passes unchecked. The others are kept and go on to composing prompts.
/// Streams behind BackTranslate (decision 051): each back-translation is labelled as soon as it is stored; the drops and
/// keeps wait for the last pass, when every back-translation is in.
/// </summary>
public sealed class ConsistencyStage(LlmStageServices services) : IStreamingStage
{
    public PipelineStage Stage => PipelineStage.Consistency;

    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) => LabelAsync(runId, complete: true, cancellationToken);

    /// <summary>Labels the back-translations stored so far; a label the model did not give is asked again by the last pass.</summary>
    public Task CatchUpAsync(int runId, CancellationToken cancellationToken) => LabelAsync(runId, complete: false, cancellationToken);

    private async Task LabelAsync(int runId, bool complete, CancellationToken cancellationToken)
    {
        List<(int Id, string Premise, string Hypothesis)> todo;
        int total;
        await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
        {
            var query = db.BackTranslations.AsNoTracking().Where(b => b.RunId == runId)
                .Join(db.Instructions.Where(i => i.Status == ItemStatus.Pending), b => b.InstructionId, i => i.Id, (b, i) => new { b.Id, b.Label, Premise = i.Text, Hypothesis = b.Text });
            total = await query.CountAsync(cancellationToken);
            todo = (await query.Where(b => b.Label == NliLabel.Unknown).OrderBy(b => b.Id).ToListAsync(cancellationToken))
                .Select(b => (b.Id, b.Premise, b.Hypothesis)).ToList();
        }
        if (!complete && todo.Count == 0)
        {
            return;
        }
        await services.Progress.StartAsync(runId, Stage, total, cancellationToken, current: complete);
        var done = total - todo.Count;
        var failures = new TransientCallFailures(Stage);
        var asked = services.Llm.AskAheadAsync(services.Llm.Batches(todo), LlmRole.Supervision, (batch, calls) => calls.CompleteAllAsync(
            runId, Stage, batch, pair => LlmRequest.For(services.Templates.Nli(pair.Premise, pair.Hypothesis)) with { Temperature = 0 }, NliLabelParser.Parse), cancellationToken);
        await foreach (var (batch, answers) in asked)
        {
            await using var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken);
            // One commit per batch, not per label: the stages streaming beside this one wait for SQLite's write lock too.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                if (failures.Record(answers[i].Result))
                {
                    continue;
                }
                // Final, not pending: an answer without a label is cached and was asked at temperature 0, so asking again
                // reads the same text; a call refused for good (not transiently) would be refused again.
                var label = answers[i].Succeeded ? answers[i].Value : NliLabel.Unreadable;
                var answer = answers[i].Result.Succeeded ? answers[i].Result.Text : answers[i].Result.Error ?? "";
                var raw = answer.Length > 500 ? answer[..500] : answer;
                await db.BackTranslations.Where(b => b.Id == batch[i].Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.Label, label).SetProperty(b => b.LabelRaw, raw), cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            done += batch.Length;
            await services.Progress.ReportAsync(runId, Stage, done, cancellationToken);
        }

        if (!complete)
        {
            return;
        }
        // Before any instruction is kept: one whose label is missing must not pass unchecked.
        failures.ThrowIfAny();
        await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // In this order, each only among instructions still pending: a contradiction is the more telling reason.
            var contradicted = await DropAsync(db, runId, NliLabel.Contradiction, ConsistencyDropReasons.Contradiction, cancellationToken);
            var unreadable = await DropAsync(db, runId, NliLabel.Unreadable, ConsistencyDropReasons.UnreadableLabel, cancellationToken);
            // A soft constraint (decision 034) has no function to back-translate: its kept questions restate it instead.
            var withoutBackTranslation = await db.Instructions
                .Where(i => i.RunId == runId && i.Status == ItemStatus.Pending && !db.BackTranslations.Any(b => b.InstructionId == i.Id))
                .Where(i => !db.Verifiers.Any(v => v.InstructionId == i.Id && v.Kind == VerifierKind.LlmQuestion && v.Status == ItemStatus.Kept)
                    || db.Verifiers.Any(v => v.InstructionId == i.Id && v.Kind == VerifierKind.Python && v.Status == ItemStatus.Kept))
                .ExecuteUpdateAsync(s => s.SetDropped(Stage, DropReasons.NoBackTranslation.With()), cancellationToken);
            var kept = await db.Instructions.Where(i => i.RunId == runId && i.Status == ItemStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ItemStatus.Kept), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await services.Progress.CompleteAsync(runId, Stage, total, cancellationToken,
                $"{contradicted} instructions contradicted, {unreadable} without a readable label, {withoutBackTranslation} without a back-translation, {kept} kept");
        }
    }

    /// <summary>Drops each pending instruction with a back-translation labelled <paramref name="label"/>, naming its first such back-translation.</summary>
    private async Task<int> DropAsync(AutoIfDbContext db, int runId, NliLabel label, Func<string, CodedDropReason> reason, CancellationToken cancellationToken)
    {
        var found = await db.BackTranslations.Where(b => b.RunId == runId && b.Label == label)
            .Join(db.Instructions.Where(i => i.Status == ItemStatus.Pending), b => b.InstructionId, i => i.Id, (b, i) => b)
            .GroupBy(b => b.InstructionId).Select(g => new { InstructionId = g.Key, Text = g.OrderBy(b => b.Id).Select(b => b.Text).First() })
            .ToListAsync(cancellationToken);
        foreach (var item in found)
        {
            var why = reason(item.Text);
            await db.Instructions.Where(i => i.Id == item.InstructionId && i.Status == ItemStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetDropped(Stage, why), cancellationToken);
        }
        return found.Count;
    }
}
