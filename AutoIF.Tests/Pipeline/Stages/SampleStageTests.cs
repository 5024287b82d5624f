using System.Text.Json.Nodes;
using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class SampleStageTests
{
    [Theory]
    [InlineData("Supervision", PipelineHarness.SupervisionModel, ResponseOrigin.Supervision)]
    [InlineData("Policy", PipelineHarness.PolicyModel, ResponseOrigin.Policy)]
    public async Task K_responses_per_prompt_come_from_the_role_s_model_at_the_run_s_temperature(string role, string model, ResponseOrigin origin)
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Responses:Samples", "3"), ("Responses:Role", role), ("Responses:Temperature", "0.3"));
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        var first = await harness.AddPromptAsync(run, instruction, "Why is the sky blue? Answer briefly.");
        var second = await harness.AddPromptAsync(run, instruction, "What is rain? Answer briefly.");
        harness.Server.Script("sky blue", FakeReply.Answer("Scattering."));
        harness.Server.Script("rain", FakeReply.Answer("Falling water."));

        await harness.RunStageAsync(PipelineStage.Sample, run);

        await using var db = harness.CreateContext();
        var responses = await db.Responses.OrderBy(r => r.PromptId).ThenBy(r => r.SampleIndex).Select(r => new { r.PromptId, r.SampleIndex, r.Text, r.Origin, r.Round }).ToListAsync();
        Assert.Equal(
            [(first, 0, "Scattering."), (first, 1, "Scattering."), (first, 2, "Scattering."), (second, 0, "Falling water."), (second, 1, "Falling water."), (second, 2, "Falling water.")],
            responses.Select(r => (r.PromptId, r.SampleIndex, r.Text)));
        Assert.All(responses, r => Assert.Equal((origin, 0), (r.Origin, r.Round)));
        Assert.All(harness.Server.Requests, r =>
        {
            var body = JsonNode.Parse(r.Body)!;
            Assert.Equal((model, 0.3), ((string?)body["model"], (double?)body["temperature"]));
        });
    }

    [Fact]
    public async Task A_reasoning_model_s_think_block_is_stored_apart_and_the_verifiers_see_only_the_answer()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Responses:Samples", "1"), ("Responses:Role", "Policy"));
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        // Fails on any trace of the reasoning, so it passes only when given the answer alone.
        var verifier = await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return 'think' not in response and 'plan' not in response\n", status: ItemStatus.Kept);
        var sky = await harness.AddPromptAsync(run, instruction, "Why is the sky blue? Answer briefly.");
        var rain = await harness.AddPromptAsync(run, instruction, "What is rain? Answer briefly.");
        var snow = await harness.AddPromptAsync(run, instruction, "What is snow? Answer briefly.");
        harness.Server.Script("sky blue", FakeReply.Answer("<think>\nI plan to think about scattering.\n</think>\n\nScattering."));
        // The opening tag was in the chat template (DeepSeek-R1's): the output starts inside the block.
        harness.Server.Script("rain", FakeReply.Answer("I plan to say water.\n</think>\n\nFalling water."));
        // Out of tokens while thinking: no answer at all.
        harness.Server.Script("snow", FakeReply.Answer("<think>\nI plan to think about ice crystals and", finishReason: "length"));

        await harness.RunStageAsync(PipelineStage.Sample, run);
        await harness.RunStageAsync(PipelineStage.Verify, run);

        await using var db = harness.CreateContext();
        var responses = await db.Responses.ToDictionaryAsync(r => r.PromptId);
        Assert.Equal(("Scattering.", "I plan to think about scattering.", 1.0, ItemStatus.Pending),
            (responses[sky].Text, responses[sky].Reasoning, responses[sky].Accuracy, responses[sky].Status));
        Assert.Equal(("Falling water.", "I plan to say water.", 1.0, ItemStatus.Pending),
            (responses[rain].Text, responses[rain].Reasoning, responses[rain].Accuracy, responses[rain].Status));
        Assert.Equal(TextHash.Exact("Scattering."), responses[sky].TextHash);
        // The service scores an empty answer 0 without running anything; so does the run.
        Assert.Equal(("", "I plan to think about ice crystals and", 0.0, ItemStatus.Dropped, "the answer is empty: nothing follows the reasoning"),
            (responses[snow].Text, responses[snow].Reasoning, responses[snow].Accuracy, responses[snow].Status, responses[snow].DropReason));
        var verdicts = await db.Verdicts.Select(v => new { v.ResponseId, v.VerifierId, v.Kind }).ToListAsync();
        Assert.Equal(new[] { (responses[rain].Id, verifier, VerdictKind.True), (responses[sky].Id, verifier, VerdictKind.True) }.Order(),
            verdicts.Select(v => (v.ResponseId, v.VerifierId, v.Kind)).Order());
        // The call log keeps what the model said, whole.
        Assert.Contains(await db.LlmCalls.Select(c => c.Completion).ToListAsync(), c => c!.StartsWith("<think>\nI plan to think about scattering.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prompts_are_read_a_page_at_a_time_and_every_missing_sample_is_asked_for_once()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Responses:Samples", "2"));
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        var prompts = new List<int>();
        for (var n = 0; n < 7; n++)
        {
            prompts.Add(await harness.AddPromptAsync(run, instruction, $"Question {n}? Answer briefly."));
        }
        // Stored before (as after a crash): on the first page, on a page boundary, on the last page.
        await harness.AddResponseAsync(run, prompts[1], "earlier", 0);
        await harness.AddResponseAsync(run, prompts[2], "earlier", 1);
        await harness.AddResponseAsync(run, prompts[6], "earlier", 0);
        harness.Server.DefaultReply = FakeReply.Answer("Now.");
        var sampler = new ResponseSampler(harness.Get<IDbContextFactory<AutoIfDbContext>>(), harness.Get<LlmStageClient>(), harness.Get<StageProgressReporter>()) { PromptsPerPage = 3 };

        await sampler.SampleAsync(run, PipelineStage.Sample, 0, LlmRole.Supervision, 2, 0.7, CancellationToken.None);

        await using var db = harness.CreateContext();
        var responses = await db.Responses.Select(r => new { r.PromptId, r.SampleIndex, r.Text }).ToListAsync();
        Assert.Equal(14, responses.Count);
        Assert.Equal(prompts.SelectMany(p => new[] { (p, 0), (p, 1) }).Order(), responses.Select(r => (r.PromptId, r.SampleIndex)).Order());
        Assert.Equal(3, responses.Count(r => r.Text == "earlier"));
        Assert.Equal(11, harness.Server.ChatRequestCount);
        var progress = await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Sample);
        Assert.Equal((true, 14, 14), (progress.Completed, progress.Done, progress.Total));
    }

    [Theory]
    [InlineData("Supervision")]
    [InlineData("Policy")]
    public async Task A_run_that_names_its_own_models_asks_them_on_the_configured_endpoint(string role)
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Responses:Samples", "1"), ("Responses:Role", role),
            ("Models:Supervision", "teacher-for-this-run"), ("Models:Policy", "student-for-this-run"));
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        await harness.AddPromptAsync(run, instruction, "Why is the sky blue? Answer briefly.");
        harness.Server.DefaultReply = FakeReply.Answer("Scattering.");

        await harness.RunStageAsync(PipelineStage.Sample, run);

        var expected = role == "Policy" ? "student-for-this-run" : "teacher-for-this-run";
        Assert.Equal(expected, (string?)JsonNode.Parse(Assert.Single(harness.Server.Requests).Body)!["model"]);
        await using var db = harness.CreateContext();
        Assert.Equal(expected, await db.LlmCalls.Select(c => c.Model).SingleAsync());
    }

    [Fact]
    public async Task An_endpoint_failing_after_its_retries_fails_the_stage_and_a_resume_fills_in_only_what_is_missing()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Responses:Samples", "2"));
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        await harness.AddPromptAsync(run, instruction, "Why is the sky blue? Answer briefly.");
        await harness.AddPromptAsync(run, instruction, "What is rain? Answer briefly.");
        harness.Server.Script("rain", FakeReply.Error(503, "overloaded"));
        harness.Server.DefaultReply = FakeReply.Answer("Scattering.");

        var failure = await Assert.ThrowsAsync<AutoIF.Core.Pipeline.LlmCallsFailedException>(() => harness.RunStageAsync(PipelineStage.Sample, run));

        Assert.Equal(2, failure.Failed);
        await using (var db = harness.CreateContext())
        {
            Assert.Equal(2, await db.Responses.CountAsync());
            Assert.False((await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Sample)).Completed);
        }
        harness.Server.ClearScripts();

        await harness.RunStageAsync(PipelineStage.Sample, run);

        await using var after = harness.CreateContext();
        Assert.Equal(4, await after.Responses.CountAsync());
        Assert.True((await after.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Sample)).Completed);
    }

    [Fact]
    public async Task A_failed_call_leaves_no_response_and_a_rerun_asks_only_for_what_is_missing()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Responses:Samples", "2"));
        var instruction = await harness.AddInstructionAsync(run, "Answer briefly.", ItemStatus.Kept);
        await harness.AddPromptAsync(run, instruction, "Why is the sky blue? Answer briefly.");
        await harness.AddPromptAsync(run, instruction, "What is rain? Answer briefly.");
        harness.Server.Script("rain", FakeReply.Error(400, "bad request"));
        harness.Server.DefaultReply = FakeReply.Answer("Scattering.");

        await harness.RunStageAsync(PipelineStage.Sample, run);

        await using (var db = harness.CreateContext())
        {
            Assert.Equal(2, await db.Responses.CountAsync());
            var progress = await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Sample);
            Assert.Equal("2 calls failed and have no response", progress.Message);
        }
        var before = harness.Server.ChatRequestCount;
        harness.Server.ClearScripts();

        await harness.RunStageAsync(PipelineStage.Sample, run);

        Assert.Equal(before + 2, harness.Server.ChatRequestCount);
        await using var read = harness.CreateContext();
        Assert.Equal(4, await read.Responses.CountAsync());
        Assert.Equal(4, await read.Responses.Select(r => new { r.PromptId, r.SampleIndex }).Distinct().CountAsync());
    }
}
