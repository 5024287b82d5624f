using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline.Estimates;

namespace AutoIF.Tests.Pipeline.Estimates;

public class RunEstimatorTests
{
    private static RunSettings Settings(params (string Key, string Value)[] changes) =>
        RunSettingsEditor.Apply(new RunSettings(), changes.Select(c => new KeyValuePair<string, string>(c.Key, c.Value)));

    private static Dictionary<PipelineStage, long> Calls(RunEstimate estimate) => estimate.Stages.ToDictionary(s => s.Stage, s => s.Calls);

    [Fact]
    public void Each_stage_s_calls_follow_the_settings_that_multiply_them()
    {
        var estimate = RunEstimator.Estimate(Settings(("Augment:Rounds", "3"), ("Verifiers:Samples", "4"), ("Compose:QueriesPerInstruction", "10"), ("Responses:Samples", "2")), seeds: 10, new EstimateAssumptions());

        // 10 seeds + 3 rounds × 10 new = 40 instructions; half survive cross-validation, 80% of those the consistency check.
        Assert.Equal(new Dictionary<PipelineStage, long>
        {
            [PipelineStage.Augment] = 3,
            [PipelineStage.Verifiers] = 160,
            [PipelineStage.BackTranslate] = 60,
            [PipelineStage.Consistency] = 60,
            [PipelineStage.Sample] = 320,
            [PipelineStage.Judge] = 160,
        }, Calls(estimate));
        Assert.Equal(763, estimate.Calls);
        Assert.Equal(estimate.Stages.Sum(s => s.PromptTokens + s.CompletionTokens), estimate.PromptTokens + estimate.CompletionTokens);
        Assert.StartsWith("about 763 model calls", estimate.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Several_constraints_add_compatibility_checks_and_longer_prompts_and_judge_samples_multiply_the_judge()
    {
        var one = RunEstimator.Estimate(Settings(), seeds: 20, new EstimateAssumptions());
        var three = RunEstimator.Estimate(Settings(("Compose:MaxInstructions", "3"), ("Compose:MinInstructions", "3"), ("Judge:Samples", "3")), seeds: 20, new EstimateAssumptions());

        Assert.DoesNotContain(one.Stages, s => s.Stage == PipelineStage.Compose);
        // 48 instructions kept, 768 prompts of 3: 3 pairs each, but never more than the 1,128 pairs 48 instructions make.
        Assert.Equal(1128, Calls(three)[PipelineStage.Compose]);
        Assert.Equal(Calls(one)[PipelineStage.Sample], Calls(three)[PipelineStage.Sample]);
        Assert.True(three.Stages.Single(s => s.Stage == PipelineStage.Sample).PromptTokens > one.Stages.Single(s => s.Stage == PipelineStage.Sample).PromptTokens);
        Assert.Equal(3 * Calls(one)[PipelineStage.Judge], Calls(three)[PipelineStage.Judge]);
    }

    [Fact]
    public void A_budget_below_the_estimate_is_named_in_the_summary()
    {
        var estimate = RunEstimator.Estimate(Settings(("Run:MaxModelCalls", "100")), seeds: 20, new EstimateAssumptions());

        Assert.True(estimate.ReachesBudget);
        Assert.EndsWith("it pauses at Run:MaxModelCalls = 100", estimate.Summary(), StringComparison.Ordinal);
        Assert.False(RunEstimator.Estimate(Settings(), seeds: 20, new EstimateAssumptions()).ReachesBudget);
    }

    [Fact]
    public async Task The_estimate_of_stored_settings_counts_the_seeds_the_run_would_start_from()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var estimator = harness.Get<RunEstimator>();

        var four = await estimator.EstimateAsync(Settings(("Seeds:Max", "4"), ("Augment:Rounds", "0")));
        var two = await estimator.EstimateAsync(Settings(("Seeds:Ids", "1,2"), ("Augment:Rounds", "0")));

        Assert.Equal((4, 20L), (four.Seeds, Calls(four)[PipelineStage.Verifiers]));
        Assert.Equal((2, 10L), (two.Seeds, Calls(two)[PipelineStage.Verifiers]));
    }
}
