using AutoIF.Core.Domain;
using AutoIF.Core.Seeds;
using AutoIF.Tests.Llm;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class AugmentStageTests
{
    [Fact]
    public async Task New_instructions_are_merged_with_the_seeds_exact_duplicates_skipped_and_near_duplicates_kept_as_dropped_rows()
    {
        await using var harness = await PipelineHarness.StartAsync();
        // Seeds of the set that follows IFEval's types, so the model's answers can duplicate them.
        var seeds = (await harness.Get<SeedCatalog>().ListAsync(SeedSets.IfEvalTypes)).Take(3).Select(s => s.Id);
        var run = await harness.CreateRunAsync(("Seeds:Ids", string.Join(",", seeds)), ("Augment:Rounds", "2"));
        await harness.RunStageAsync(PipelineStage.Seeds, run);
        harness.Server.Script(@"Write \d+ new instructions", FakeReply.Answer(string.Join('\n',
            "Here are new instructions:",
            "- ANSWER IN FEWER THAN 50 WORDS!",
            "- Answer in less than 50 words",
            "- Write your answer in lowercase letters only",
            "- Write your whole answer in lowercase letters only",
            "- Include the keyword 'banana' exactly twice.")));

        await harness.RunStageAsync(PipelineStage.Augment, run);

        Assert.Equal(2, harness.Server.ChatRequestCount);
        await using var db = harness.CreateContext();
        var rows = await db.Instructions.Where(i => i.RunId == run).OrderBy(i => i.Id).ToListAsync();
        var lowercase = rows.Single(i => i.Text == "Write your answer in lowercase letters only");
        Assert.Equal(
            [
                ("Answer in fewer than 50 words.", InstructionOrigin.Seed, ItemStatus.Pending, (string?)null),
                ("Write at least 150 words.", InstructionOrigin.Seed, ItemStatus.Pending, null),
                ("Use exactly three paragraphs, separated by a blank line.", InstructionOrigin.Seed, ItemStatus.Pending, null),
                ("Answer in less than 50 words", InstructionOrigin.Augmented, ItemStatus.Pending, null),
                ("Write your answer in lowercase letters only", InstructionOrigin.Augmented, ItemStatus.Pending, null),
                ("Write your whole answer in lowercase letters only", InstructionOrigin.Augmented, ItemStatus.Dropped, $"near duplicate of instruction #{lowercase.Id} (word similarity 0.88)"),
                ("Include the keyword 'banana' exactly twice.", InstructionOrigin.Augmented, ItemStatus.Pending, null),
            ],
            rows.Select(i => (i.Text, i.Origin, i.Status, i.DropReason)));
        Assert.Equal((PipelineStage?)PipelineStage.Augment, rows.Single(i => i.Status == ItemStatus.Dropped).DropStage);
        var progress = await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Augment);
        Assert.Equal((true, "3 new instructions, 1 near duplicates dropped, 0 rounds without a usable answer"), (progress.Completed, progress.Message));
    }

    [Fact]
    public async Task Running_it_again_asks_the_cache_not_the_model_and_adds_nothing()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Seeds:Max", "3"), ("Augment:Rounds", "3"));
        await harness.RunStageAsync(PipelineStage.Seeds, run);
        harness.Server.Script(@"Write \d+ new instructions", FakeReply.Answer("- Include the keyword 'banana' exactly twice.\n- End with the word 'done'."));
        await harness.RunStageAsync(PipelineStage.Augment, run);
        var requests = harness.Server.ChatRequestCount;

        await harness.RunStageAsync(PipelineStage.Augment, run);
        await harness.RunStageAsync(PipelineStage.Seeds, run);

        Assert.Equal(requests, harness.Server.ChatRequestCount);
        await using var db = harness.CreateContext();
        Assert.Equal(5, await db.Instructions.CountAsync(i => i.RunId == run));
    }
}
