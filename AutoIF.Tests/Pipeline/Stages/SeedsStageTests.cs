using AutoIF.Core.Domain;
using AutoIF.Core.Seeds;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class SeedsStageTests
{
    [Fact]
    public async Task A_run_starts_from_the_seeds_it_names_and_at_most_Max_of_them()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var seeds = await harness.Get<SeedCatalog>().ListAsync(SeedSets.IfEvalTypes);
        var ids = new[] { seeds[3].Id, seeds[10].Id, seeds[20].Id };
        var run = await harness.CreateRunAsync(("Seeds:Ids", string.Join(",", ids)), ("Seeds:Max", "2"));

        await harness.RunStageAsync(PipelineStage.Seeds, run);
        await harness.RunStageAsync(PipelineStage.Seeds, run);

        await using var db = harness.CreateContext();
        var texts = await db.Instructions.Where(i => i.RunId == run).OrderBy(i => i.SeedId).Select(i => i.Text).ToListAsync();
        Assert.Equal([seeds[3].Text, seeds[10].Text], texts);
    }

    [Fact]
    public async Task Without_Seeds_Ids_a_run_starts_from_the_default_set_only()
    {
        await using var harness = await PipelineHarness.StartAsync();
        await harness.Get<SeedCatalog>().AddAsync("Rhyme every pair of lines.", "riddles");
        var run = await harness.CreateRunAsync();

        await harness.RunStageAsync(PipelineStage.Seeds, run);

        await using var db = harness.CreateContext();
        var texts = await db.Instructions.Where(i => i.RunId == run).OrderBy(i => i.SeedId).Select(i => i.Text).ToListAsync();
        Assert.Equal(BuiltInSeeds.Load(SeedSets.AutoIf), texts);
    }
}
