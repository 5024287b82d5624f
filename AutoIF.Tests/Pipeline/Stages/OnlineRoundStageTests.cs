using System.Text.Json.Nodes;
using AutoIF.Core.Domain;
using AutoIF.Core.Export;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class OnlineRoundStageTests
{
    [Fact]
    public async Task A_round_samples_the_policy_at_0_8_verifies_and_pairs_its_own_responses_as_round_N()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Dpo:OnlineSamples", "4"));
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return 'x' in response\n", status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Name a letter. Mention x.");
        await harness.AddResponseAsync(run, prompt, "x from the main run", 0, accuracy: 1.0, judgeScore: 9, status: ItemStatus.Kept);
        harness.Server.Enqueue(FakeReply.Answer("x marks it"), FakeReply.Answer("x again"), FakeReply.Answer("no letter"), FakeReply.Answer("nothing"));

        await harness.Get<RunService>().MarkQueuedAsync(run);
        var status = await harness.Get<RunOrchestrator>().ExecuteOnlineRoundAsync(run, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, status);
        Assert.Equal(4, harness.Server.ChatRequestCount);
        Assert.All(harness.Server.Requests, r =>
        {
            var body = JsonNode.Parse(r.Body)!;
            Assert.Equal((PipelineHarness.PolicyModel, 0.8), ((string?)body["model"], (double?)body["temperature"]));
        });
        await using var db = harness.CreateContext();
        Assert.Equal(1, (await db.Runs.SingleAsync(r => r.Id == run)).OnlineRounds);
        var roundPrompt = await db.ComposedPrompts.SingleAsync(p => p.Round == 1);
        Assert.Equal(("Name a letter. Mention x.", instruction), (roundPrompt.Text, roundPrompt.InstructionId));
        var responses = await db.Responses.Where(r => r.Round == 1).OrderBy(r => r.Accuracy).ThenBy(r => r.Text).ToListAsync();
        Assert.All(responses, r => Assert.Equal((ResponseOrigin.Policy, roundPrompt.Id), (r.Origin, r.PromptId)));
        Assert.Equal([0.0, 0.0, 1.0, 1.0], responses.Select(r => r.Accuracy!.Value));
        var pairs = await db.DpoPairs.Where(p => p.Round == 1).ToListAsync();
        Assert.Equal(4, pairs.Count);
        var passing = responses.Where(r => r.Accuracy == 1.0).Select(r => r.Id).ToHashSet();
        Assert.All(pairs, p => Assert.Contains(p.ChosenResponseId!.Value, passing));
        Assert.All(pairs, p => Assert.DoesNotContain(p.RejectedResponseId!.Value, passing));
        // The main run's data stays as it was.
        Assert.Equal(1, await db.Responses.CountAsync(r => r.Round == 0));
    }

    [Fact]
    public async Task A_reasoning_policy_s_round_verifies_and_pairs_its_answers_and_an_empty_answer_takes_no_side()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Dpo:OnlineSamples", "4"));
        var instruction = await harness.AddInstructionAsync(run, "Mention x.", ItemStatus.Kept);
        await harness.AddVerifierAsync(run, instruction, "def evaluate(response):\n    return 'x' in response\n", status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, instruction, "Name a letter. Mention x.");
        await harness.AddResponseAsync(run, prompt, "x from the main run", 0, accuracy: 1.0, judgeScore: 9, status: ItemStatus.Kept);
        harness.Server.Enqueue(
            FakeReply.Answer("<think>pick a letter</think>\n\nx marks it"),
            // The letter is only in the reasoning: the answer fails.
            FakeReply.Answer("<think>x, x or x?</think>\n\nno letter"),
            FakeReply.Answer("<think>still weighing x against", finishReason: "length"),
            FakeReply.Answer("nothing"));

        await harness.Get<RunService>().MarkQueuedAsync(run);
        Assert.Equal(RunStatus.Completed, await harness.Get<RunOrchestrator>().ExecuteOnlineRoundAsync(run, CancellationToken.None));

        await using var db = harness.CreateContext();
        var responses = await db.Responses.Where(r => r.Round == 1).ToDictionaryAsync(r => r.Text);
        Assert.Equal(["", "no letter", "nothing", "x marks it"], responses.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([0.0, 0.0, 0.0, 1.0], responses.Values.Select(r => r.Accuracy!.Value).Order());
        Assert.Equal("x, x or x?", responses["no letter"].Reasoning);
        var pairs = await db.DpoPairs.Where(p => p.Round == 1).Select(p => new { p.ChosenResponseId, p.RejectedResponseId }).ToListAsync();
        // Which sample got which reply depends on the order the concurrent calls reached the fake server: compare as sets.
        Assert.Equal(
            new[] { (responses["x marks it"].Id, responses["no letter"].Id), (responses["x marks it"].Id, responses["nothing"].Id) }.Order(),
            pairs.Select(p => (p.ChosenResponseId!.Value, p.RejectedResponseId!.Value)).Order());
        // The exported pairs carry the answers alone.
        var rows = await new DatasetExporter(harness.Get<IDbContextFactory<AutoIfDbContext>>())
            .DpoRows(new ExportRequest { Runs = [await db.Runs.Where(r => r.Id == run).Select(r => r.Name).SingleAsync()], Kind = ExportKind.Dpo, Format = "trl-dpo", Round = 1 })
            .ToListAsync();
        Assert.Equal(new[] { ("x marks it", "no letter"), ("x marks it", "nothing") }.Order(), rows.Select(r => (r.Chosen, r.Rejected)).Order());
    }
    [Fact]
    public async Task A_round_of_a_prompt_with_two_constraints_verifies_every_constraint_and_pairs_only_responses_passing_both_as_chosen()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Dpo:OnlineSamples", "3"));
        var apple = await harness.AddInstructionAsync(run, "Mention the word apple.", ItemStatus.Kept);
        var banana = await harness.AddInstructionAsync(run, "Mention the word banana.", ItemStatus.Kept);
        await harness.AddVerifierAsync(run, apple, "def evaluate(response):\n    return 'apple' in response\n", status: ItemStatus.Kept);
        await harness.AddVerifierAsync(run, banana, "def evaluate(response):\n    return 'banana' in response\n", status: ItemStatus.Kept);
        var prompt = await harness.AddPromptAsync(run, apple, "Name a fruit.\n\nMention the word apple.\nMention the word banana.");
        await using (var setup = harness.CreateContext())
        {
            setup.PromptConstraints.Add(new PromptConstraint { RunId = run, PromptId = prompt, InstructionId = banana, Position = 1 });
            await setup.SaveChangesAsync();
        }
        await harness.AddResponseAsync(run, prompt, "an apple and a banana", 0, accuracy: 1.0, judgeScore: 9, status: ItemStatus.Kept);
        harness.Server.Enqueue(FakeReply.Answer("an apple and a banana"), FakeReply.Answer("an apple alone"), FakeReply.Answer("a banana alone"));

        await harness.Get<RunService>().MarkQueuedAsync(run);
        Assert.Equal(RunStatus.Completed, await harness.Get<RunOrchestrator>().ExecuteOnlineRoundAsync(run, CancellationToken.None));

        await using var db = harness.CreateContext();
        var roundPrompt = await db.ComposedPrompts.Include(p => p.Constraints).SingleAsync(p => p.Round == 1);
        Assert.Equal((apple, banana, 1), (roundPrompt.InstructionId, Assert.Single(roundPrompt.Constraints).InstructionId, roundPrompt.Constraints[0].Position));
        var responses = await db.Responses.Where(r => r.Round == 1).ToDictionaryAsync(r => r.Text);
        var results = await db.ConstraintResults.Where(c => responses.Values.Select(r => r.Id).Contains(c.ResponseId)).ToListAsync();
        bool Passed(string text, int instruction) => results.Single(c => c.ResponseId == responses[text].Id && c.InstructionId == instruction).Passed;
        Assert.Equal((true, true), (Passed("an apple and a banana", apple), Passed("an apple and a banana", banana)));
        // Without the second constraint "an apple alone" would pass (its lead's verifier accepts it) and be chosen.
        Assert.Equal((true, false), (Passed("an apple alone", apple), Passed("an apple alone", banana)));
        Assert.Equal((false, true), (Passed("a banana alone", apple), Passed("a banana alone", banana)));
        Assert.Equal(ItemStatus.Dropped, responses["an apple alone"].Status);
        var pairs = await db.DpoPairs.Where(p => p.Round == 1).Select(p => new { p.ChosenResponseId, p.RejectedResponseId }).ToListAsync();
        Assert.Equal(
            new[] { (responses["an apple and a banana"].Id, responses["an apple alone"].Id), (responses["an apple and a banana"].Id, responses["a banana alone"].Id) }.Order(),
            pairs.Select(p => (p.ChosenResponseId!.Value, p.RejectedResponseId!.Value)).Order());
    }
}
