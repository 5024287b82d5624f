using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

public class RunOrchestratorTests
{
    public static readonly (string Key, string Value)[] SmallRun =
    [
        ("Seeds:Max", "4"), ("Augment:Rounds", "2"), ("Verifiers:Samples", "2"), ("CrossValidation:MinFunctions", "1"),
        ("Compose:QueriesPerInstruction", "8"), ("Responses:Samples", "2"),
    ];

    [Fact]
    public async Task A_full_run_against_the_model_server_drops_each_kind_of_bad_item_at_its_stage_with_the_reason()
    {
        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.Responder = RuleBasedModel.Answer;
        var run = await harness.CreateRunAsync(SmallRun);
        await harness.Get<RunService>().MarkQueuedAsync(run);

        var status = await harness.Get<RunOrchestrator>().ExecuteAsync(run, null, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, status);
        await using var db = harness.CreateContext();
        var instructions = await db.Instructions.Where(i => i.RunId == run).ToDictionaryAsync(i => i.Text);
        Assert.Equal((ItemStatus.Dropped, (PipelineStage?)PipelineStage.Verifiers), (instructions["Write in a cheerful tone."].Status, instructions["Write in a cheerful tone."].DropStage));
        Assert.Equal(
            (ItemStatus.Dropped, (PipelineStage?)PipelineStage.CrossValidate, "no test case has more than 50% of the functions agreeing with it"),
            (instructions["Use exactly three sentences."].Status, instructions["Use exactly three sentences."].DropStage, instructions["Use exactly three sentences."].DropReason));
        Assert.Equal(
            (ItemStatus.Dropped, (PipelineStage?)PipelineStage.Consistency, "a back-translation contradicts it: \"Answer in more than 60 words.\""),
            (instructions["Answer in fewer than 60 words."].Status, instructions["Answer in fewer than 60 words."].DropStage, instructions["Answer in fewer than 60 words."].DropReason));
        Assert.Equal(8, instructions.Values.Count(i => i.Status == ItemStatus.Kept));
        Assert.Equal(8 * 8 * 2, await db.Responses.CountAsync(r => r.RunId == run));
        Assert.True(await db.Responses.AnyAsync(r => r.Status == ItemStatus.Kept), "some responses pass verification and the judge");
        Assert.True(await db.Responses.AnyAsync(r => r.DropStage == PipelineStage.Verify), "some fail verification");
        Assert.True(await db.Responses.AnyAsync(r => r.DropStage == PipelineStage.Judge), "some fail the judge");
        Assert.True(await db.DpoPairs.AnyAsync(p => p.Level == PairLevel.Instruction), "instruction-level pairs come from the test cases");
        Assert.Equal(RunStatus.Completed, (await db.Runs.SingleAsync(r => r.Id == run)).Status);
    }

    [Fact]
    public async Task Running_every_completed_stage_again_adds_nothing_and_asks_the_model_nothing()
    {
        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.Responder = RuleBasedModel.Answer;
        var run = await harness.CreateRunAsync(SmallRun);
        await harness.Get<RunService>().MarkQueuedAsync(run);
        await harness.Get<RunOrchestrator>().ExecuteAsync(run, null, CancellationToken.None);
        var before = await TableCounts.ReadAsync(harness.CreateContext());
        var requests = harness.Server.ChatRequestCount;

        foreach (var stage in harness.Get<IEnumerable<IRunStage>>().OrderBy(s => s.Stage))
        {
            await stage.ExecuteAsync(run, CancellationToken.None);
        }

        Assert.Equal(before, await TableCounts.ReadAsync(harness.CreateContext()));
        Assert.Equal(requests, harness.Server.ChatRequestCount);
    }

    [Fact]
    public async Task A_cancel_stops_the_run_between_batches_and_a_resume_finishes_it_without_duplicates()
    {
        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.Responder = RuleBasedModel.Answer;
        var run = await harness.CreateRunAsync(SmallRun);
        var runs = harness.Get<RunService>();
        var orchestrator = harness.Get<RunOrchestrator>();
        // Up to sampling first; then sampling's first batch waits at the model server until the cancel is in, so the
        // cancel surely lands in the middle of the run, however fast or slow the machine.
        await runs.MarkQueuedAsync(run);
        var beforeSampling = Enum.GetValues<PipelineStage>().Where(s => s < PipelineStage.Sample).ToHashSet();
        Assert.Equal(RunStatus.Paused, await orchestrator.ExecuteAsync(run, beforeSampling, CancellationToken.None));
        var requestsBeforeSampling = harness.Server.ChatRequestCount;
        harness.Server.HoldReplies();
        await runs.MarkQueuedAsync(run);
        var running = orchestrator.ExecuteAsync(run, null, CancellationToken.None);
        await Poll.UntilAsync(() => harness.Server.ChatRequestCount > requestsBeforeSampling || running.IsCompleted);

        await runs.CancelAsync(run);
        harness.Server.ReleaseReplies();
        var status = await running;

        Assert.Equal(RunStatus.Cancelled, status);
        await using (var db = harness.CreateContext())
        {
            Assert.Equal(RunStatus.Cancelled, (await db.Runs.SingleAsync(r => r.Id == run)).Status);
            Assert.False(await db.StageProgress.AnyAsync(p => p.RunId == run && p.Stage == PipelineStage.Pairs && p.Completed));
        }

        await runs.MarkQueuedAsync(run);
        var resumed = await orchestrator.ExecuteAsync(run, null, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, resumed);
        await using var read = harness.CreateContext();
        var prompts = await read.ComposedPrompts.CountAsync(p => p.RunId == run);
        Assert.Equal(prompts * 2, await read.Responses.CountAsync(r => r.RunId == run));
        Assert.Equal(prompts * 2, await read.Responses.Where(r => r.RunId == run).Select(r => new { r.PromptId, r.SampleIndex }).Distinct().CountAsync());
        Assert.True(await read.DpoPairs.AnyAsync(p => p.RunId == run));
    }

    [Fact]
    public async Task Model_free_stages_stop_before_the_first_stage_that_needs_the_model_and_the_run_is_paused()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("CrossValidation:MinFunctions", "1"));
        // As after importing eval_func_rft.jsonl: the generation stages are done, the functions are unchecked.
        await using (var db = harness.CreateContext())
        {
            foreach (var done in new[] { PipelineStage.Seeds, PipelineStage.Augment, PipelineStage.Verifiers })
            {
                db.StageProgress.Add(new StageProgress { RunId = run, Stage = done, Completed = true, Message = "imported" });
            }
            await db.SaveChangesAsync();
        }
        var instruction = await harness.AddInstructionAsync(run, "Answer in lowercase.");
        await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return response == response.lower()", CompileStatus.Unchecked);
        await harness.AddCaseAsync(run, instruction, "all lower", true);
        await harness.AddCaseAsync(run, instruction, "Not Lower", false);
        await harness.Get<RunService>().MarkQueuedAsync(run);

        var status = await harness.Get<RunOrchestrator>().ExecuteAsync(run, new HashSet<PipelineStage> { PipelineStage.Compile, PipelineStage.CrossValidate, PipelineStage.Verify, PipelineStage.Pairs }, CancellationToken.None);

        Assert.Equal(RunStatus.Paused, status);
        await using var read = harness.CreateContext();
        var completed = await read.StageProgress.Where(p => p.RunId == run && p.Completed).Select(p => p.Stage).ToListAsync();
        Assert.Contains(PipelineStage.CrossValidate, completed);
        Assert.DoesNotContain(PipelineStage.Verify, completed);
        Assert.DoesNotContain(PipelineStage.Pairs, completed);
        var stored = await read.Runs.SingleAsync(r => r.Id == run);
        Assert.Equal(RunStatus.Paused, stored.Status);
        Assert.Contains("BackTranslate", stored.Error, StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.ChatRequestCount);
    }
}
