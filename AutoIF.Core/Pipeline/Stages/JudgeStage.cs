using System.Globalization;
using System.Runtime.CompilerServices;
using AutoIF.Core.Domain.State;
using AutoIF.Core.Domain.Settings;
using AutoIF.Core.Export;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Asks the supervision model, Judge:Samples times, whether each verified response still answers its query (score on
/// the last line, read by Judge:Parsing); the scores are averaged, judgements without one left out, and a response is
/// kept when the mean passes Judge:MinScore by Judge:MinScoreRule. A dropped response keeps its score and rationale.
/// The judge sees every constraint of a prompt that carries several, one per line, by <see cref="PromptComposer.ListInstructions"/>.
/// </summary>
public sealed class JudgeStage(LlmStageServices services) : IStreamingStage
{
    public PipelineStage Stage => PipelineStage.Judge;

    public Task ExecuteAsync(int runId, CancellationToken cancellationToken) => JudgeAsync(runId, complete: true, cancellationToken);

    /// <summary>
    /// Judges the responses verified so far while Verify still runs (decision 050). A judgement the model did not give
    /// leaves its response pending for the stage's last pass instead of failing the run early.
    /// </summary>
    public Task CatchUpAsync(int runId, CancellationToken cancellationToken) => JudgeAsync(runId, complete: false, cancellationToken);

    private async Task JudgeAsync(int runId, bool complete, CancellationToken cancellationToken)
    {
        JudgeSettings settings;
        int judgedBefore;
        int candidates;
        await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
        {
            settings = (await db.RunSettingsAsync(runId, cancellationToken)).Judge;
            // Decided by this stage before this pass (a catch-up, or the process a resume continues): counted as done, so
            // Done/Total cover the whole stage however it was split. A re-verification sets the responses it re-judges
            // pending again, and one it drops at Verify is no longer the judge's.
            judgedBefore = await db.Responses.CountAsync(r => r.RunId == runId
                && ((r.Status == ItemStatus.Kept && r.JudgeScore != null) || (r.Status == ItemStatus.Dropped && r.DropStage == PipelineStage.Judge)), cancellationToken);
            candidates = await Candidates(db, runId).CountAsync(cancellationToken);
        }
        if (!complete && candidates == 0)
        {
            return;
        }
        var total = judgedBefore + candidates;
        await services.Progress.StartAsync(runId, Stage, total, cancellationToken, current: complete);
        var done = judgedBefore;
        var failures = new TransientCallFailures(Stage);
        var needs = settings.MinScoreRule.Describe(settings.MinScore);
        var asked = services.Llm.AskAheadAsync(Batches(runId, settings, cancellationToken), LlmRole.Supervision, (batch, calls) =>
            calls.CompleteAllAsync(runId, Stage, batch.Requests, r => LlmRequest.For(services.Templates.Judge(r.Item.Query, r.Item.Instruction, r.Item.Response)) with
            {
                Temperature = settings.Temperature,
                SampleIndex = r.Sample,
            }, text => JudgeScoreParser.Parse(text, settings.Parsing)), cancellationToken);
        await foreach (var ((items, requests), answers) in asked)
        {
            await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
            {
                foreach (var item in items)
                {
                    var mine = answers.Where((_, index) => requests[index].Item.Id == item.Id).ToList();
                    var id = item.Id;
                    if (mine.Select(a => failures.Record(a.Result)).ToList().Any(failed => failed))
                    {
                        // The model never answered some judgement: the response stays pending for the resume, not dropped.
                        continue;
                    }
                    var judged = mine.Where(a => a.Value is not null).Select(a => a.Value!).ToList();
                    if (judged.Count > 0)
                    {
                        var score = judged.Average(j => (double)j.Score);
                        var rationale = string.Join("\n\n---\n\n", judged.Select(j => j.Rationale));
                        var kept = settings.MinScoreRule.Passes(score, settings.MinScore);
                        await db.Responses.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
                            .SetProperty(r => r.JudgeScore, score)
                            .SetProperty(r => r.JudgeRationale, rationale)
                            .SetProperty(r => r.Status, kept ? ItemStatus.Kept : ItemStatus.Dropped)
                            .SetProperty(r => r.DropStage, kept ? null : Stage)
                            .SetDropReason(kept ? null : DropReasons.JudgeScore.With(score.ToString("0.##", CultureInfo.InvariantCulture), needs)), cancellationToken);
                    }
                    else
                    {
                        var why = mine.Select(a => a.Result.Error ?? a.Parse?.Error).FirstOrDefault(e => e is not null) ?? "no score";
                        await db.Responses.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetDropped(Stage, DropReasons.NoJudgeScore.With(why)), cancellationToken);
                    }
                }
            }
            done += items.Count;
            await services.Progress.ReportAsync(runId, Stage, done, cancellationToken);
        }
        if (complete)
        {
            failures.ThrowIfAny();
            await services.Progress.CompleteAsync(runId, Stage, total, cancellationToken);
        }
    }

    /// <summary>
    /// The candidates a batch at a time, each with its Judge:Samples requests. The next batch is read while the one before
    /// it is being stored: it starts past that batch's last id, and storing a batch changes only that batch's responses.
    /// </summary>
    private async IAsyncEnumerable<JudgeBatch> Batches(int runId, JudgeSettings settings, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastId = 0L;
        while (true)
        {
            List<Item> batch;
            await using (var db = await services.ContextFactory.CreateDbContextAsync(cancellationToken))
            {
                var rows = await Candidates(db, runId).Where(r => r.Id > lastId).OrderBy(r => r.Id).Take(Math.Max(1, services.Llm.CallsPerBatch() / settings.Samples))
                    .Select(r => new { r.Id, r.PromptId, Query = r.Prompt!.Query != null ? r.Prompt.Query.Text : r.Prompt.Text, Lead = r.Prompt.Instruction!.Text, r.Text })
                    .ToListAsync(cancellationToken);
                // A prompt carrying several constraints (decision 024) is judged under all of them, listed as the prompt
                // lists them; a single-instruction prompt passes its instruction as written, as before.
                var further = await PromptConstraintTexts.ForPromptsAsync(db, rows.Select(r => (int?)r.PromptId), cancellationToken);
                batch = [.. rows.Select(r => new Item(r.Id, r.Query,
                    further.TryGetValue(r.PromptId, out var more) ? PromptComposer.ListInstructions([r.Lead, .. more.Select(m => m.Text)]) : r.Lead, r.Text))];
            }
            if (batch.Count == 0)
            {
                yield break;
            }
            lastId = batch[^1].Id;
            yield return new JudgeBatch(batch, [.. batch.SelectMany(item => Enumerable.Range(0, settings.Samples).Select(k => (Item: item, Sample: k)))]);
        }
    }

    // Verified and still undecided: judged responses are Kept or Dropped, so a rerun skips them.
    private static IQueryable<Response> Candidates(AutoIfDbContext db, int runId) =>
        db.Responses.Where(r => r.RunId == runId && r.Status == ItemStatus.Pending && r.Accuracy != null);

    private sealed record Item(long Id, string Query, string Instruction, string Response);

    private sealed record JudgeBatch(IReadOnlyList<Item> Items, IReadOnlyList<(Item Item, int Sample)> Requests);
}
