using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class ComposeStageTests
{
    [Fact]
    public async Task Each_kept_instruction_gets_K_distinct_queries_joined_by_the_composer_and_a_dropped_one_gets_none()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var (run, kept, dropped) = await PrepareAsync(harness);

        await harness.RunStageAsync(PipelineStage.Compose, run);

        await using var db = harness.CreateContext();
        var prompts = await db.ComposedPrompts.Include(p => p.Query).Where(p => p.RunId == run).ToListAsync();
        Assert.Equal(3, prompts.Count);
        Assert.All(prompts, p => Assert.Equal((kept, 0, PromptComposer.Compose(p.Query!.Text, "Answer in fewer than 50 words.")), (p.InstructionId, p.Round, p.Text)));
        Assert.Equal(3, prompts.Select(p => p.QueryId).Distinct().Count());
        Assert.DoesNotContain(prompts, p => p.InstructionId == dropped);
    }

    [Fact]
    public async Task The_same_inputs_and_seed_draw_the_same_queries_in_another_database_and_a_rerun_adds_nothing()
    {
        List<string> first;
        await using (var harness = await PipelineHarness.StartAsync())
        {
            var (run, _, _) = await PrepareAsync(harness);
            await harness.RunStageAsync(PipelineStage.Compose, run);
            first = await TextsAsync(harness, run);
            await harness.RunStageAsync(PipelineStage.Compose, run);
            Assert.Equal(first, await TextsAsync(harness, run));
        }
        await using (var again = await PipelineHarness.StartAsync())
        {
            var (run, _, _) = await PrepareAsync(again);
            await again.RunStageAsync(PipelineStage.Compose, run);
            Assert.Equal(first, await TextsAsync(again, run));
        }
    }

    private static async Task<(int Run, int Kept, int Dropped)> PrepareAsync(PipelineHarness harness)
    {
        var run = await harness.CreateRunAsync(("Compose:QueriesPerInstruction", "3"));
        var kept = await harness.AddInstructionAsync(run, "Answer in fewer than 50 words.", ItemStatus.Kept);
        var dropped = await harness.AddInstructionAsync(run, "Write a haiku.", ItemStatus.Dropped);
        await harness.RunStageAsync(PipelineStage.Queries, run);
        return (run, kept, dropped);
    }

    private static async Task<List<string>> TextsAsync(PipelineHarness harness, int run)
    {
        await using var db = harness.CreateContext();
        return await db.ComposedPrompts.Where(p => p.RunId == run).OrderBy(p => p.Id).Select(p => p.Text).ToListAsync();
    }
}
