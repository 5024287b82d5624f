using System.Runtime.CompilerServices;
using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Core.Llm.Parsing;
using AutoIF.Core.Rewards;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Core.Pipeline;

/// <summary>
/// Samples K responses for every composed prompt of one round, from the supervision model (distillation) or the
/// policy model (self-alignment, online DPO). Responses already stored for (prompt, origin, sample) are skipped.
/// A reasoning model's output is split by the reward service's rule (<see cref="ModelAnswer.Split"/>): the answer is
/// the response's text, the reasoning is stored apart. An output that is nothing but a reasoning block is stored with an
/// empty answer (the verify stage drops it, as the service scores it 0); an empty output is a failed call.
/// </summary>
public sealed class ResponseSampler(IDbContextFactory<AutoIfDbContext> contextFactory, LlmStageClient llm, StageProgressReporter progress)
{
    /// <summary>Prompts read (with their stored responses) at a time; settable for tests.</summary>
    internal int PromptsPerPage { get; init; } = 10_000;

    public async Task SampleAsync(int runId, PipelineStage stage, int round, LlmRole role, int samples, double temperature, CancellationToken cancellationToken)
    {
        var origin = role == LlmRole.Policy ? ResponseOrigin.Policy : ResponseOrigin.Supervision;
        int total;
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            total = await Prompts(db, runId, round).CountAsync(cancellationToken) * samples;
        }
        await progress.StartAsync(runId, stage, total, cancellationToken);
        var done = 0;
        var failed = 0;
        var failures = new TransientCallFailures(stage);
        var asked = llm.AskAheadAsync(Batches(runId, round, origin, role, samples, cancellationToken), role, (batch, calls) =>
            LlmStageClient.FanOutAsync(batch.Todo, x => calls.CompleteAsync(new LlmRequest
            {
                Role = role,
                Kind = PromptKind.Response,
                Messages = [LlmMessage.User(x.Prompt.Text)],
                Temperature = temperature,
                SampleIndex = x.Sample,
                RunId = runId,
                Stage = stage,
            }, text => string.IsNullOrWhiteSpace(text)
                ? new ParseResult<ModelAnswer>(null, "empty response", text)
                : new ParseResult<ModelAnswer>(ModelAnswer.Split(text), null, text))), cancellationToken);
        await foreach (var (batch, answers) in asked)
        {
            var todo = batch.Todo;
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            for (var i = 0; i < todo.Count; i++)
            {
                if (!answers[i].Succeeded)
                {
                    failed++;
                    failures.Record(answers[i].Result);
                    continue;
                }
                var answer = answers[i].Value!;
                db.Responses.Add(new Response
                {
                    RunId = runId, PromptId = todo[i].Prompt.Id, InstructionId = todo[i].Prompt.InstructionId,
                    Text = answer.Answer, Reasoning = answer.Reasoning, TextHash = TextHash.Exact(answer.Answer),
                    Origin = origin, SampleIndex = todo[i].Sample, Round = round, LlmCallId = answers[i].Result.CallId, IsDemo = answers[i].Result.IsDemo,
                });
            }
            await db.SaveChangesAsync(cancellationToken);
            done += batch.Prompts * samples;
            await progress.ReportAsync(runId, stage, done, cancellationToken, $"{failed} calls failed");
        }
        if (failures.Count > 0)
        {
            await progress.MessageAsync(runId, stage, $"{failed} calls failed and have no response yet", cancellationToken);
            failures.ThrowIfAny();
        }
        await progress.CompleteAsync(runId, stage, total, cancellationToken, failed == 0 ? null : $"{failed} calls failed and have no response");
    }

    /// <summary>
    /// The round's prompts a batch at a time, each with its samples not stored yet. A page of prompts at a time, with only
    /// that page's stored responses: memory stays flat however large the round. A page is read while the batch before it
    /// is still being stored; that batch's prompts are all on earlier pages, so what the page reads is the same.
    /// </summary>
    private async IAsyncEnumerable<SampleBatch> Batches(int runId, int round, ResponseOrigin origin, LlmRole role, int samples, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var lastId = 0;
        while (true)
        {
            List<(int Id, int InstructionId, string Text)> page;
            HashSet<(int PromptId, int Sample)> existing;
            await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
            {
                page = (await Prompts(db, runId, round).Where(p => p.Id > lastId).OrderBy(p => p.Id).Take(PromptsPerPage)
                        .Select(p => new { p.Id, p.InstructionId, p.Text }).ToListAsync(cancellationToken))
                    .Select(p => (p.Id, p.InstructionId, p.Text)).ToList();
                if (page.Count == 0)
                {
                    yield break;
                }
                var (first, last) = (page[0].Id, page[^1].Id);
                existing = (await db.Responses
                        .Where(r => r.RunId == runId && r.Round == round && r.Origin == origin && r.PromptId >= first && r.PromptId <= last)
                        .Select(r => new { r.PromptId, r.SampleIndex }).ToListAsync(cancellationToken))
                    .Select(r => (r.PromptId, r.SampleIndex)).ToHashSet();
            }
            lastId = page[^1].Id;
            foreach (var batch in llm.Batches(page, samples, role))
            {
                yield return new SampleBatch(batch.Length,
                    [.. batch.SelectMany(p => Enumerable.Range(0, samples).Select(k => (Prompt: p, Sample: k))).Where(x => !existing.Contains((x.Prompt.Id, x.Sample)))]);
            }
        }
    }

    private static IQueryable<ComposedPrompt> Prompts(AutoIfDbContext db, int runId, int round) =>
        db.ComposedPrompts.AsNoTracking().Where(p => p.RunId == runId && p.Round == round && p.Instruction!.Status != ItemStatus.Dropped);

    /// <summary>A batch of the round: how many prompts it covers, and their samples still to ask.</summary>
    private sealed record SampleBatch(int Prompts, IReadOnlyList<((int Id, int InstructionId, string Text) Prompt, int Sample)> Todo);
}
