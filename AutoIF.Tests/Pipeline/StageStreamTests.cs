using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// Verify and Judge stream behind Sample (issue #17, decision 050), and Verifiers to Consistency behind Augment (decision
/// 051): a batch is taken on by the stages after its own while the next is still out at the model, and the run stores
/// exactly what it stores with every stage waiting for the one before.
/// </summary>
public class StageStreamTests
{
    private const int Prompts = 130;
    private const string Held = "(hold)";

    // The harness has 8 slots, so Sample asks 64 prompts a batch: the first batch is answered, the second held.
    private const int FirstBatch = 64;

    // The gateway admits the calls in order, 2 × 8 at a time, and its slots go to waiting calls in no set order: held
    // calls start 16 past the first batch, so none can take a slot before every call of the first batch has answered.
    private const int HeldFrom = FirstBatch + 16;

    private const string ShortAnswer = "def evaluate(response):\n    return len(response) < 200\n";
    private const string Loops = "def evaluate(response):\n    while True:\n        pass\n";

    private static readonly KeyValuePair<string, string?>[] HeldCallsWait = [new("Llm:Policy:TimeoutSeconds", "3600")];

    // Verifiers asks 64 calls a batch at 8 slots, so 32 instructions of two samples each; the second batch holds one
    // instruction's two calls, which leaves six slots for the back-translations and labels of the first.
    private const int VerifierBatch = 32;
    private const string HeldFunctions = @"Write a function that checks.*\(hold\)";
    private static readonly KeyValuePair<string, string?>[] HeldSupervisionWaits = [new("Llm:Supervision:TimeoutSeconds", "3600")];

    [Fact]
    public async Task While_sampling_waits_for_its_second_batch_the_first_is_verified_and_judged_and_the_run_then_completes_them_all()
    {
        await using var harness = await PipelineHarness.StartAsync(HeldCallsWait);
        var (run, looping) = await ArrangeAtSampleAsync(harness);
        harness.Server.HoldRepliesTo(System.Text.RegularExpressions.Regex.Escape(Held));

        await harness.Get<RunService>().MarkQueuedAsync(run);
        var running = harness.Get<RunOrchestrator>().ExecuteAsync(run, null, CancellationToken.None);

        // Every response of the first batch verified and judged, while the second batch waits for its held calls.
        await Poll.UntilAsync(async () =>
        {
            await using var db = harness.CreateContext();
            return await db.Responses.Where(r => r.RunId == run).Select(r => new { r.Accuracy, r.Status }).ToListAsync();
        }, responses => responses.Count == FirstBatch && responses.All(r => r.Accuracy != null && r.Status == ItemStatus.Kept));
        await using (var db = harness.CreateContext())
        {
            var progress = await db.StageProgress.Where(p => p.RunId == run && p.Stage >= PipelineStage.Sample).ToDictionaryAsync(p => p.Stage);
            Assert.False(progress[PipelineStage.Sample].Completed);
            Assert.Equal((FirstBatch, false), (progress[PipelineStage.Verify].Done, progress[PipelineStage.Verify].Completed));
            Assert.Equal((FirstBatch, false), (progress[PipelineStage.Judge].Done, progress[PipelineStage.Judge].Completed));
            // The run still shows the stage the others follow.
            Assert.Equal(PipelineStage.Sample, (await db.Runs.SingleAsync(r => r.Id == run)).CurrentStage);
        }
        harness.Server.ReleaseReplies();

        Assert.Equal(RunStatus.Completed, await running);
        await using var read = harness.CreateContext();
        Assert.Equal(Prompts, await read.Responses.CountAsync(r => r.RunId == run && r.Status == ItemStatus.Kept && r.JudgeScore == 9));
        var stages = await read.StageProgress.Where(p => p.RunId == run && p.Stage >= PipelineStage.Sample && p.Stage <= PipelineStage.Judge).ToListAsync();
        Assert.All(stages, p => Assert.Equal((Prompts, Prompts, true), (p.Done, p.Total, p.Completed)));
        // The looping verifier's probe is its first three responses by id, as without streaming (decision 036): the first
        // catch-up saw 64 responses, the last pass 66 more, and neither chose a probe of its own.
        var timeouts = await read.Verdicts.Where(v => v.VerifierId == looping && v.Kind == VerdictKind.Timeout)
            .OrderBy(v => v.ResponseId).Select(v => new { v.ResponseId, v.Detail }).ToListAsync();
        var firstThree = await read.Responses.Where(r => r.RunId == run).OrderBy(r => r.Id).Select(r => r.Id).Take(3).ToListAsync();
        Assert.Equal(Prompts, timeouts.Count);
        Assert.Equal(firstThree, timeouts.Where(t => t.Detail?.StartsWith(VerifierTimeoutProbe.SkippedPrefix, StringComparison.Ordinal) != true).Select(t => t.ResponseId));
    }

    [Fact]
    public async Task A_full_run_streamed_stores_exactly_the_rows_of_the_same_run_with_every_stage_waiting_for_the_one_before()
    {
        var streamed = await SnapshotOfSmallRunAsync(streamStages: true);
        var waiting = await SnapshotOfSmallRunAsync(streamStages: false);

        AssertSameRows(waiting, streamed);
    }

    [Fact]
    public async Task While_Verifiers_waits_for_its_last_batch_those_before_are_compiled_validated_back_translated_and_labelled_and_the_run_stores_what_a_waiting_run_stores()
    {
        RunSnapshot streamed;
        await using (var harness = await PipelineHarness.StartAsync(HeldSupervisionWaits))
        {
            var (run, firstBatch) = await ArrangeAtVerifiersAsync(harness);
            harness.Server.HoldRepliesTo(HeldFunctions);
            await harness.Get<RunService>().MarkQueuedAsync(run);
            var running = harness.Get<RunOrchestrator>().ExecuteAsync(run, null, CancellationToken.None);

            // Each instruction of the first batch dropped on the way or with its back-translations labelled, and
            // Verifiers' progress at its first batch, while Verifiers still waits for the second.
            await Poll.UntilAsync(async () =>
            {
                await using var db = harness.CreateContext();
                var decided = await db.Instructions.Where(i => firstBatch.Contains(i.Id))
                    .CountAsync(i => i.Status == ItemStatus.Dropped || db.BackTranslations.Any(b => b.InstructionId == i.Id && b.Label != NliLabel.Unknown));
                var verifiersDone = await db.StageProgress.Where(p => p.RunId == run && p.Stage == PipelineStage.Verifiers).Select(p => p.Done).SingleOrDefaultAsync();
                return (Decided: decided, VerifiersDone: verifiersDone);
            }, state => state == (firstBatch.Count, firstBatch.Count));
            await using (var db = harness.CreateContext())
            {
                var progress = await db.StageProgress.Where(p => p.RunId == run && p.Stage >= PipelineStage.Verifiers).ToDictionaryAsync(p => p.Stage);
                Assert.Equal((VerifierBatch + 2, false), (progress[PipelineStage.Verifiers].Total, progress[PipelineStage.Verifiers].Completed));
                Assert.All([PipelineStage.Compile, PipelineStage.CrossValidate, PipelineStage.BackTranslate, PipelineStage.Consistency], stage => Assert.False(progress[stage].Completed));
                // Keeping waits for Consistency's last pass; the stages after it have not started.
                Assert.Equal(0, await db.Instructions.CountAsync(i => i.RunId == run && i.Status == ItemStatus.Kept));
                Assert.DoesNotContain(PipelineStage.Queries, progress.Keys);
                Assert.Equal(PipelineStage.Verifiers, (await db.Runs.SingleAsync(r => r.Id == run)).CurrentStage);
            }
            harness.Server.ReleaseReplies();

            Assert.Equal(RunStatus.Completed, await running);
            await using var read = harness.CreateContext();
            streamed = await RunSnapshot.ReadAsync(read);
        }

        RunSnapshot waiting;
        await using (var harness = await PipelineHarness.StartAsync([new("Pipeline:StreamStages", "false")]))
        {
            var (run, _) = await ArrangeAtVerifiersAsync(harness);
            await harness.Get<RunService>().MarkQueuedAsync(run);
            Assert.Equal(RunStatus.Completed, await harness.Get<RunOrchestrator>().ExecuteAsync(run, null, CancellationToken.None));
            await using var read = harness.CreateContext();
            waiting = await RunSnapshot.ReadAsync(read);
        }
        AssertSameRows(waiting, streamed);
    }

    [Fact]
    public async Task When_sampling_fails_Verify_and_Judge_stop_unfinished_and_the_resume_completes_them()
    {
        await using var harness = await PipelineHarness.StartAsync(HeldCallsWait);
        var (run, _) = await ArrangeAtSampleAsync(harness);
        harness.Server.Script(System.Text.RegularExpressions.Regex.Escape(Held), FakeReply.Error(503, "overloaded"));
        var runs = harness.Get<RunService>();
        var orchestrator = harness.Get<RunOrchestrator>();

        await runs.MarkQueuedAsync(run);
        Assert.Equal(RunStatus.Failed, await orchestrator.ExecuteAsync(run, null, CancellationToken.None));
        await using (var db = harness.CreateContext())
        {
            Assert.StartsWith($"{Prompts - HeldFrom} model call(s) of stage Sample failed", (await db.Runs.SingleAsync(r => r.Id == run)).Error);
            var progress = await db.StageProgress.Where(p => p.RunId == run && p.Stage >= PipelineStage.Sample).ToDictionaryAsync(p => p.Stage);
            Assert.DoesNotContain(progress.Values, p => p.Completed);
            // Whatever the catch-ups did before sampling failed, the stages after Judge never started.
            Assert.DoesNotContain(PipelineStage.Pairs, progress.Keys);
        }

        harness.Server.ClearScripts();
        await runs.MarkQueuedAsync(run);
        Assert.Equal(RunStatus.Completed, await orchestrator.ExecuteAsync(run, null, CancellationToken.None));
        await using var read = harness.CreateContext();
        Assert.Equal(Prompts, await read.Responses.CountAsync(r => r.RunId == run && r.Status == ItemStatus.Kept));
        Assert.Equal(Prompts * 2, await read.Verdicts.CountAsync());
    }

    /// <summary>
    /// A run whose stages before Sample are done: one kept instruction with a passing and a looping verifier, and
    /// <see cref="Prompts"/> prompts, those from <see cref="HeldFrom"/> on marked <see cref="Held"/>; every answer scores 9.
    /// </summary>
    private static async Task<(int Run, int Looping)> ArrangeAtSampleAsync(PipelineHarness harness)
    {
        // Sampled by the policy model, so the held samples hold its slots, not the judge's.
        var run = await harness.CreateRunAsync(("Responses:Role", "Policy"), ("Responses:Samples", "1"), ("Judge:Samples", "1"), ("Verify:SkipAfterTimeouts", "3"));
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        await harness.AddVerifierAsync(run, instruction, ShortAnswer, status: ItemStatus.Kept);
        var looping = await harness.AddVerifierAsync(run, instruction, Loops, status: ItemStatus.Kept);
        for (var i = 0; i < Prompts; i++)
        {
            await harness.AddPromptAsync(run, instruction, $"Question {i:000}{(i >= HeldFrom ? $" {Held}" : "")}? Answer briefly.");
        }
        await using (var db = harness.CreateContext())
        {
            db.StageProgress.AddRange(Enum.GetValues<PipelineStage>().Where(s => s < PipelineStage.Sample)
                .Select(s => new StageProgress { RunId = run, Stage = s, Completed = true, Status = ItemStatus.Kept }));
            await db.SaveChangesAsync();
        }
        harness.Server.DefaultReply = FakeReply.Answer("A short answer.\nScore: 9");
        return (run, looping);
    }

    /// <summary>
    /// A run whose Seeds and Augment are done, with <see cref="VerifierBatch"/> + 2 instructions for Verifiers (one
    /// dropped at Verifiers, one at cross-validation, one at consistency, the rest kept), the last marked <c>(hold)</c>.
    /// Returns the run and the ids of Verifiers' batches before the one holding that instruction.
    /// </summary>
    private static async Task<(int Run, IReadOnlyList<int> FirstBatch)> ArrangeAtVerifiersAsync(PipelineHarness harness)
    {
        harness.Server.Responder = RuleBasedModel.Answer;
        var run = await harness.CreateRunAsync(("Verifiers:Samples", "2"), ("CrossValidation:MinFunctions", "1"), ("Compose:QueriesPerInstruction", "2"), ("Responses:Samples", "2"));
        string[] texts =
        [
            "Write in a cheerful tone.", "Use exactly three sentences.", "Answer in fewer than 60 words.",
            .. Enumerable.Range(10, VerifierBatch - 3).Select(n => $"Answer in fewer than {n} words."),
            "Answer in fewer than 90 words.", "Include the word 'banana' at least once. (hold)",
        ];
        var ids = new List<int>();
        foreach (var text in texts)
        {
            ids.Add(await harness.AddInstructionAsync(run, text));
        }
        await using (var db = harness.CreateContext())
        {
            db.StageProgress.AddRange(Enum.GetValues<PipelineStage>().Where(s => s < PipelineStage.Verifiers)
                .Select(s => new StageProgress { RunId = run, Stage = s, Completed = true, Status = ItemStatus.Kept }));
            await db.SaveChangesAsync();
        }
        // The batches Verifiers asks (their last ones taper): all but the one holding the held instruction get through.
        var batches = harness.Get<LlmStageClient>().Batches(ids, callsPerItem: 2).ToList();
        return (run, [.. batches[..^1].SelectMany(batch => batch)]);
    }

    private static void AssertSameRows(RunSnapshot expected, RunSnapshot actual)
    {
        Assert.Equal(expected.Tables.Keys, actual.Tables.Keys);
        foreach (var (table, rows) in expected.Tables)
        {
            Assert.True(rows.SequenceEqual(actual.Tables[table]), $"{table} differs:\n- {string.Join("\n- ", rows.Except(actual.Tables[table]).Take(5))}\n+ {string.Join("\n+ ", actual.Tables[table].Except(rows).Take(5))}");
        }
    }

    private static async Task<RunSnapshot> SnapshotOfSmallRunAsync(bool streamStages)
    {
        await using var harness = await PipelineHarness.StartAsync([new("Pipeline:StreamStages", streamStages ? "true" : "false")]);
        harness.Server.Responder = RuleBasedModel.Answer;
        var run = await harness.CreateRunAsync(RunOrchestratorTests.SmallRun);
        await harness.Get<RunService>().MarkQueuedAsync(run);
        Assert.Equal(RunStatus.Completed, await harness.Get<RunOrchestrator>().ExecuteAsync(run, null, CancellationToken.None));
        await using var db = harness.CreateContext();
        return await RunSnapshot.ReadAsync(db);
    }
}
