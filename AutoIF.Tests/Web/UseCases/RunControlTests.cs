using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Jobs;
using AutoIF.Web.UseCases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AutoIF.Tests.Web.UseCases;

public class RunControlTests : PageTestContext
{
    private RunControl Runs => Services.GetRequiredService<RunControl>();

    [Fact]
    public async Task Create_and_start_queues_the_new_run_for_the_job_server()
    {
        var created = await Runs.CreateAsync("queued-at-once", new RunSettings(), start: true);

        Assert.Equal("queued-at-once", created.Name);
        Assert.Single(JobStorage.GetMonitoringApi().EnqueuedJobs(JobQueues.Runs, 0, 10));
        Assert.Equal(RunStatus.Queued, (await Database.Get<RunService>().GetAsync("queued-at-once")).Status);
    }

    [Fact]
    public async Task The_report_lists_stages_in_pipeline_order_with_the_runs_settings_summary()
    {
        var run = await Runs.CreateAsync("reported", RunSettingsEditor.Apply(new RunSettings(), [new("Augment:Rounds", "3")]));
        await StageRows.AddAsync(Database, run.Id);

        var report = await Runs.ReportAsync(run.Id);

        Assert.NotNull(report);
        Assert.Equal([PipelineStage.Seeds, PipelineStage.Augment, PipelineStage.Compile], report.Stages.Select(s => s.Stage));
        Assert.Equal((3, 5, false, "3 of 5 compiled"), (report.Stages[2].Done, report.Stages[2].Total, report.Stages[2].Completed, report.Stages[2].Message));
        Assert.Equal("profile paper; changed from it: Augment:Rounds = 3 (default 10)", report.ProfileSummary);
        Assert.Equal("reported", report.Summary.Name);
        Assert.Null(await Runs.ReportAsync(run.Id + 1000));
    }

    [Fact]
    public async Task Cloning_a_run_deleted_meanwhile_says_so_and_creates_nothing()
    {
        var source = await Runs.CreateAsync("gone", new RunSettings());
        await Runs.DeleteAsync(source.Id);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Runs.CloneAsync(source.Id, "orphan", new RunSettings()));

        Assert.Equal($"There is no run #{source.Id} to clone (was it deleted?).", refused.Message);
        await using var db = Database.CreateContext();
        Assert.False(await db.Runs.AnyAsync());
    }

    [Fact]
    public async Task A_clone_by_id_copies_the_query_pool_and_names_its_source()
    {
        var source = await Runs.CreateAsync("source", new RunSettings());
        await using (var db = Database.CreateContext())
        {
            db.Queries.Add(new Query { RunId = source.Id, Text = "What is a tide?", TextHash = TextHash.Normalized("What is a tide?"), Source = "queries-text", Length = 15 });
            await db.SaveChangesAsync();
        }

        var clone = await Runs.CloneAsync(source.Id, "copy", new RunSettings());

        await using var read = Database.CreateContext();
        Assert.Equal(source.Id, (await read.Runs.SingleAsync(r => r.Id == clone.Id)).ClonedFromRunId);
        Assert.Equal(["What is a tide?"], await read.Queries.Where(q => q.RunId == clone.Id).Select(q => q.Text).ToListAsync());
    }
}
