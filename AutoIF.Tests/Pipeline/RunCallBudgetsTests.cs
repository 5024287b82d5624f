using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Verifiers;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline;

/// <summary>Run:MaxModelCalls against the fake model server, which counts the requests it really receives.</summary>
public class RunCallBudgetsTests
{
    [Fact]
    public async Task A_run_pauses_at_its_budget_having_sent_exactly_that_many_calls_and_resumed_with_higher_budgets_ends_as_an_unlimited_run_without_asking_anything_twice()
    {
        int unlimitedRequests;
        int unlimitedResponses;
        await using (var reference = await PipelineHarness.StartAsync())
        {
            reference.Server.Responder = RuleBasedModel.Answer;
            var full = await reference.CreateRunAsync(RunOrchestratorTests.SmallRun);
            await reference.Get<RunService>().MarkQueuedAsync(full);
            Assert.Equal(RunStatus.Completed, await reference.Get<RunOrchestrator>().ExecuteAsync(full, null, CancellationToken.None));
            unlimitedRequests = reference.Server.ChatRequestCount;
            await using var db = reference.CreateContext();
            unlimitedResponses = await db.Responses.CountAsync(r => r.RunId == full);
        }
        Assert.True(unlimitedRequests > 40, $"the small run asks the model {unlimitedRequests} times");

        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.Responder = RuleBasedModel.Answer;
        var run = await harness.CreateRunAsync([.. RunOrchestratorTests.SmallRun, ("Run:MaxModelCalls", "10")]);
        var runs = harness.Get<RunService>();
        var orchestrator = harness.Get<RunOrchestrator>();

        await runs.MarkQueuedAsync(run);
        Assert.Equal(RunStatus.Paused, await orchestrator.ExecuteAsync(run, null, CancellationToken.None));
        Assert.Equal(10, harness.Server.ChatRequestCount);
        await using (var db = harness.CreateContext())
        {
            var paused = await db.Runs.SingleAsync(r => r.Id == run);
            Assert.Equal(RunStatus.Paused, paused.Status);
            Assert.Contains("Paused at the model-call budget: 10 of Run:MaxModelCalls = 10 calls used", paused.Error, StringComparison.Ordinal);
            Assert.Equal(10, await db.LlmCalls.CountAsync(c => c.RunId == run));
        }

        // A higher budget: the stored answers are not asked again, only 15 more calls go out.
        await runs.SetModelCallBudgetAsync(run, 25);
        await runs.MarkQueuedAsync(run);
        Assert.Equal(RunStatus.Paused, await orchestrator.ExecuteAsync(run, null, CancellationToken.None));
        Assert.Equal(25, harness.Server.ChatRequestCount);

        await runs.SetModelCallBudgetAsync(run, null);
        await runs.MarkQueuedAsync(run);
        Assert.Equal(RunStatus.Completed, await orchestrator.ExecuteAsync(run, null, CancellationToken.None));
        Assert.Equal(unlimitedRequests, harness.Server.ChatRequestCount);
        await using var read = harness.CreateContext();
        Assert.Equal(unlimitedResponses, await read.Responses.CountAsync(r => r.RunId == run));
        Assert.Null((await read.Runs.SingleAsync(r => r.Id == run)).Error);
    }

    [Fact]
    public async Task A_question_outside_the_stages_is_asked_past_the_budget_and_does_not_count_against_it()
    {
        await using var harness = await PipelineHarness.StartAsync();
        harness.Server.Responder = RuleBasedModel.Answer;
        var run = await harness.CreateRunAsync([.. RunOrchestratorTests.SmallRun, ("Run:MaxModelCalls", "10")]);
        var runs = harness.Get<RunService>();
        await runs.MarkQueuedAsync(run);
        Assert.Equal(RunStatus.Paused, await harness.Get<RunOrchestrator>().ExecuteAsync(run, null, CancellationToken.None));
        Assert.Equal(10, harness.Server.ChatRequestCount);

        // As the reward service and the Playground ask: the run's model, no stage.
        await harness.Get<QuestionAsker>().AskAllAsync(run, stage: null, [("Does the response use a metaphor?", "Time is a thief.")], CancellationToken.None);
        Assert.Equal(11, harness.Server.ChatRequestCount);

        await runs.SetModelCallBudgetAsync(run, 25);
        await runs.MarkQueuedAsync(run);
        Assert.Equal(RunStatus.Paused, await harness.Get<RunOrchestrator>().ExecuteAsync(run, null, CancellationToken.None));
        Assert.Equal(11 + 15, harness.Server.ChatRequestCount);
    }

    [Fact]
    public async Task A_budget_is_refused_below_one_and_while_the_run_is_queued_with_the_setting_named()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync();
        var runs = harness.Get<RunService>();

        var invalid = await Assert.ThrowsAsync<ArgumentException>(() => runs.SetModelCallBudgetAsync(run, 0));
        Assert.Contains("MaxModelCalls", invalid.Message, StringComparison.Ordinal);
        await runs.MarkQueuedAsync(run);
        var queued = await Assert.ThrowsAsync<InvalidOperationException>(() => runs.SetModelCallBudgetAsync(run, 100));
        Assert.Contains("queued", queued.Message, StringComparison.Ordinal);
        await using var db = harness.CreateContext();
        Assert.Null((await db.Runs.SingleAsync(r => r.Id == run)).Settings.Run.MaxModelCalls);
    }
}
