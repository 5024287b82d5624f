using System.Text;
using AutoIF.Core.Domain;
using AutoIF.Core.Import;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Pipeline.Queries;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Pipeline.Stages;

public class QueriesStageTests
{
    [Fact]
    public async Task A_run_without_a_pool_gets_the_built_in_pool_and_the_stage_says_so()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Queries:MinLength", "1"), ("Queries:MaxLength", "100000"));

        await harness.RunStageAsync(PipelineStage.Queries, run);

        await using var db = harness.CreateContext();
        var queries = await db.Queries.Where(q => q.RunId == run).ToListAsync();
        Assert.Equal(BuiltInQueries.Load().Distinct().Count(), queries.Count);
        Assert.All(queries, q => Assert.Equal((RunImporter.BuiltInSource, ItemStatus.Kept), (q.Source, q.Status)));
        var progress = await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Queries);
        Assert.EndsWith("; the run had no pool of its own, so it uses the built-in pool", progress.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_s_length_window_keeps_and_drops_queries_with_the_reason_and_a_run_with_its_own_pool_gets_no_built_in_queries()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await harness.CreateRunAsync(("Queries:MinLength", "10"), ("Queries:MaxLength", "30"));
        var name = (await harness.Get<RunService>().FindAsync(run))!.Name;
        var pool = "Too short\nExactly 10\nThis query has thirty letters.\nThis query is far too long for the window we set.\n";
        await harness.Get<RunImporter>().ImportAsync("queries-text", new MemoryStream(Encoding.UTF8.GetBytes(pool)), "pool.txt", name);

        await harness.RunStageAsync(PipelineStage.Queries, run);

        await using var db = harness.CreateContext();
        var queries = await db.Queries.Where(q => q.RunId == run).OrderBy(q => q.Id).Select(q => new { q.Text, q.Status, q.DropReason }).ToListAsync();
        Assert.Equal(
            [
                ("Too short", ItemStatus.Dropped, "shorter than 10 characters"),
                ("Exactly 10", ItemStatus.Kept, (string?)null),
                ("This query has thirty letters.", ItemStatus.Kept, null),
                ("This query is far too long for the window we set.", ItemStatus.Dropped, "longer than 30 characters"),
            ],
            queries.Select(q => (q.Text, q.Status, q.DropReason)));
        var progress = await db.StageProgress.SingleAsync(p => p.RunId == run && p.Stage == PipelineStage.Queries);
        Assert.Equal("2 of 4 queries within 10–30 characters", progress.Message);
    }
}
