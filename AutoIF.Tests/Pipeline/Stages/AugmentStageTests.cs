using System.Collections.Concurrent;
using AutoIF.Core.Domain;
using AutoIF.Core.Reports;
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
    public async Task Each_augmented_instruction_records_the_seeds_its_prompt_showed_and_the_grid_filters_by_seed()
    {
        await using var harness = await PipelineHarness.StartAsync();
        // 12 seeds and 8 a prompt: every round shows another subset.
        var run = await harness.CreateRunAsync(("Seeds:Max", "12"), ("Augment:Rounds", "3"));
        await harness.RunStageAsync(PipelineStage.Seeds, run);
        var prompts = new ConcurrentDictionary<string, string>();
        var round = 0;
        harness.Server.Responder = prompt =>
        {
            if (!prompt.Contains("new instructions", StringComparison.Ordinal))
            {
                return null;
            }
            var n = Interlocked.Increment(ref round);
            var made = new[] { $"Mention the number {n} exactly once.", $"End your answer with the word 'round{n}'." };
            foreach (var text in made)
            {
                prompts[text] = prompt;
            }
            return FakeReply.Answer(string.Join('\n', made.Select(t => "- " + t)));
        };

        await harness.RunStageAsync(PipelineStage.Augment, run);

        await using var db = harness.CreateContext();
        var seeds = await db.Instructions.Where(i => i.RunId == run && i.Origin == InstructionOrigin.Seed).ToDictionaryAsync(i => i.Id, i => i.Text);
        var augmented = await db.Instructions.Where(i => i.RunId == run && i.Origin == InstructionOrigin.Augmented).ToListAsync();
        Assert.Equal(6, augmented.Count);
        var detail = new InstructionDetailQuery(harness.Database.Contexts);
        foreach (var instruction in augmented)
        {
            var shown = seeds.Where(s => prompts[instruction.Text].Contains(s.Value, StringComparison.Ordinal)).Select(s => s.Key).Order().ToList();
            Assert.Equal(8, shown.Count);
            var lineage = await detail.LineageAsync(instruction.Id);
            Assert.Equal(shown, lineage.Seeds.Select(s => s.Id));
            Assert.Equal(shown.Select(id => seeds[id]), lineage.Seeds.Select(s => s.Text));
        }

        // The grid's seed filter: exactly the instructions whose prompt showed that seed; a seed says how many those are.
        var grid = new InstructionGridQuery(harness.Database.Contexts);
        foreach (var seed in seeds.Keys)
        {
            var expected = augmented.Where(i => prompts[i.Text].Contains(seeds[seed], StringComparison.Ordinal)).Select(i => i.Id).Order().ToList();
            var page = await grid.ExecuteAsync(new InstructionGridRequest(new InstructionGridFilter { RunId = run, FromSeed = seed }, Take: 25));
            Assert.Equal(expected, page.Rows.Select(r => r.Id));
            Assert.Equal(expected.Count, (await detail.LineageAsync(seed)).MadeFromThis);
        }
        Assert.Contains(seeds.Keys, seed => augmented.Count(i => prompts[i.Text].Contains(seeds[seed], StringComparison.Ordinal)) is > 0 and < 6);
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
