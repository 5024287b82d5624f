using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// The model's slots stay busy inside a stage (issue #17, decision 047): while one call of a batch is slow, the stage
/// already asks the next batch, instead of waiting for its slowest call before asking anything else. The fake server
/// holds the calls marked "(hold)": one in the first batch of 64 (the harness has 8 slots, so 64 calls a batch) and
/// every call of the second. Under a batch barrier only the first batch's held call would ever be out.
/// </summary>
public class BusySlotsTests
{
    private const int Slots = 8;
    private const int Items = 130;
    private const string Held = "(hold)";

    // A held call must not time out and be retried: that would end the first batch without its answer.
    private static readonly KeyValuePair<string, string?>[] HeldCallsWait = [new("Llm:Supervision:TimeoutSeconds", "3600")];

    // One call of the first batch (item 0) and the whole second batch (64–127) are held; 128 and 129 make a third batch.
    private static string Marked(int item) => item == 0 || item is >= 64 and < 128 ? $" {Held}" : "";

    [Fact]
    public async Task While_one_sample_of_a_batch_is_held_sampling_fills_every_slot_with_the_next_batch_and_stores_in_order()
    {
        await using var harness = await PipelineHarness.StartAsync(HeldCallsWait);
        var run = await harness.CreateRunAsync(("Responses:Samples", "1"));
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        for (var i = 0; i < Items; i++)
        {
            await harness.AddPromptAsync(run, instruction, $"Question {i:000}{Marked(i)}? Answer briefly.");
        }
        harness.Server.HoldRepliesTo(Regex(Held));

        var sample = harness.RunStageAsync(PipelineStage.Sample, run);
        await AssertEverySlotBusyWithHeldCallsAsync(harness, sample);
        // The first batch waits for its held call: nothing of it, nor of the batch behind it, is stored or counted yet.
        await using (var db = harness.CreateContext())
        {
            Assert.Equal(0, await db.Responses.CountAsync(r => r.RunId == run));
            Assert.Equal(0, (await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Sample)).Done);
        }
        harness.Server.ReleaseReplies();
        await sample;

        Assert.Equal(Items, harness.Server.ChatRequestCount);
        await using var read = harness.CreateContext();
        Assert.Equal(Items, await read.Responses.CountAsync(r => r.RunId == run));
        var progress = await read.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Sample);
        Assert.Equal((Items, true), (progress.Done, progress.Completed));
    }

    [Fact]
    public async Task While_one_judgement_of_a_batch_is_held_the_judge_fills_every_slot_with_the_next_batch()
    {
        await using var harness = await PipelineHarness.StartAsync(HeldCallsWait);
        var run = await harness.CreateRunAsync(("Judge:Samples", "1"));
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Why is the sky blue? Answer briefly.");
        for (var i = 0; i < Items; i++)
        {
            await harness.AddResponseAsync(run, prompt, $"Answer {i:000}{Marked(i)}.", i, accuracy: 1.0);
        }
        harness.Server.DefaultReply = FakeReply.Answer("Fine.\nScore: 9");
        harness.Server.HoldRepliesTo(Regex(Held));

        var judge = harness.RunStageAsync(PipelineStage.Judge, run);
        await AssertEverySlotBusyWithHeldCallsAsync(harness, judge);
        harness.Server.ReleaseReplies();
        await judge;

        Assert.Equal(Items, harness.Server.ChatRequestCount);
        await using var db = harness.CreateContext();
        Assert.Equal(Items, await db.Responses.CountAsync(r => r.RunId == run && r.Status == ItemStatus.Kept && r.JudgeScore == 9));
    }

    [Fact]
    public async Task A_run_cancelled_while_the_next_batch_is_out_sends_nothing_more_keeps_every_answer_it_was_sent_and_its_resume_asks_nothing_twice()
    {
        await using var harness = await PipelineHarness.StartAsync(HeldCallsWait);
        var run = await harness.CreateRunAsync(("Responses:Samples", "1"));
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        for (var i = 0; i < Items; i++)
        {
            await harness.AddPromptAsync(run, instruction, $"Question {i:000}{Marked(i)}? Answer briefly.");
        }
        var runs = harness.Get<RunService>();
        await runs.MarkQueuedAsync(run);
        harness.Server.HoldRepliesTo(Regex(Held));

        var sample = harness.RunStageAsync(PipelineStage.Sample, run);
        await AssertEverySlotBusyWithHeldCallsAsync(harness, sample);
        await runs.CancelAsync(run);
        harness.Server.ReleaseReplies();
        await Assert.ThrowsAsync<RunCancelledException>(() => sample);

        // The cancel is seen at the first checkpoint: the batch after the one already out is never asked, and every call
        // that went out is stored, so nothing the model answered is lost.
        var sent = harness.Server.ChatRequestCount;
        Assert.True(sent < Items, $"all {sent} calls went out although the run was cancelled");
        await using (var db = harness.CreateContext())
        {
            Assert.Equal(sent, await db.LlmCalls.CountAsync(c => c.RunId == run));
            Assert.Equal(64, await db.Responses.CountAsync(r => r.RunId == run));
        }

        await runs.MarkQueuedAsync(run);
        await harness.RunStageAsync(PipelineStage.Sample, run);
        Assert.Equal(Items, harness.Server.ChatRequestCount);
        await using var read = harness.CreateContext();
        Assert.Equal(Items, await read.Responses.CountAsync(r => r.RunId == run));
        Assert.Equal(Items, await read.LlmCalls.CountAsync(c => c.RunId == run));
    }

    /// <summary>
    /// Held calls only end when released, so once <see cref="Slots"/> of them have reached the server every slot holds
    /// one: the first batch's held call and the next batch's. A stage that waits for its batch never gets there.
    /// </summary>
    private static async Task AssertEverySlotBusyWithHeldCallsAsync(PipelineHarness harness, Task stage)
    {
        await Poll.UntilAsync(() => HeldRequests(harness) >= Slots || stage.IsCompleted);
        Assert.False(stage.IsCompleted, "the stage ended while its calls were held");
        Assert.Equal((Slots, Slots), (HeldRequests(harness), harness.Server.InFlight));
    }

    private static int HeldRequests(PipelineHarness harness) =>
        harness.Server.Requests.Count(r => r.LastUserMessage.Contains(Held, StringComparison.Ordinal));

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
