using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline.Stages;

/// <summary>
/// Asks the supervision model whether each verified response still answers its query (score 0–10 on the last line);
/// responses scoring at least Judge:MinScore are kept, the others dropped with the score and the judge's rationale kept.
/// </summary>
public sealed class JudgeStage(
    IDbContextFactory<AutoIfDbContext> contextFactory,
    LlmStageClient llm,
    PromptTemplates templates,
    StageProgressReporter progress) : IRunStage
{
    public PipelineStage Stage => PipelineStage.Judge;

    public async Task ExecuteAsync(int runId, CancellationToken cancellationToken)
    {
        int minScore;
        int total;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            minScore = (await db.RunSettingsAsync(runId, cancellationToken)).Judge.MinScore;
            total = await Candidates(db, runId).CountAsync(cancellationToken);
        }
        await progress.StartAsync(runId, Stage, total, cancellationToken);
        var done = 0;
        var lastId = 0L;
        var failures = new TransientCallFailures(Stage);
        while (true)
        {
            List<Item> batch;
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                batch = await Candidates(db, runId).Where(r => r.Id > lastId).OrderBy(r => r.Id).Take(llm.CallsPerBatch())
                    .Select(r => new Item(r.Id, r.Prompt!.Query != null ? r.Prompt.Query.Text : r.Prompt.Text, r.Prompt.Instruction!.Text, r.Text))
                    .ToListAsync(cancellationToken);
            }
            if (batch.Count == 0)
            {
                break;
            }
            lastId = batch[^1].Id;
            var answers = await LlmStageClient.FanOutAsync(batch, item => llm.CompleteAsync(LlmRequest.For(templates.Judge(item.Query, item.Instruction, item.Response)) with
            {
                Temperature = 0,
                RunId = runId,
                Stage = Stage,
            }, JudgeScoreParser.Parse, cancellationToken));
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var id = batch[i].Id;
                    if (failures.Record(answers[i].Result))
                    {
                        // The model never answered: the response stays pending for the resume, not dropped.
                        continue;
                    }
                    if (answers[i].Value is { } judged)
                    {
                        var kept = judged.Score >= minScore;
                        await db.Responses.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
                            .SetProperty(r => r.JudgeScore, judged.Score)
                            .SetProperty(r => r.JudgeRationale, judged.Rationale)
                            .SetProperty(r => r.Status, kept ? ItemStatus.Kept : ItemStatus.Dropped)
                            .SetProperty(r => r.DropStage, kept ? null : Stage)
                            .SetProperty(r => r.DropReason, kept ? null : $"judge score {judged.Score} (needs at least {minScore})"), cancellationToken);
                    }
                    else
                    {
                        var why = answers[i].Result.Error ?? answers[i].Parse?.Error ?? "no score";
                        await db.Responses.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
                            .SetProperty(r => r.Status, ItemStatus.Dropped)
                            .SetProperty(r => r.DropStage, Stage)
                            .SetProperty(r => r.DropReason, "the judge gave no usable score: " + why), cancellationToken);
                    }
                }
            }
            done += batch.Count;
            await progress.ReportAsync(runId, Stage, done, cancellationToken);
        }
        failures.ThrowIfAny();
        await progress.CompleteAsync(runId, Stage, total, cancellationToken);
    }

    // Verified and still undecided: judged responses are Kept or Dropped, so a rerun skips them.
    private static IQueryable<Response> Candidates(AutoIfDbContext db, int runId) =>
        db.Responses.Where(r => r.RunId == runId && r.Status == ItemStatus.Pending && r.Accuracy != null);

    private sealed record Item(long Id, string Query, string Instruction, string Response);
}
