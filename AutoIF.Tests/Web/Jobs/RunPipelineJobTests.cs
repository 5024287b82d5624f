using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIF.Tests.Web.Jobs;

public class RunPipelineJobTests
{
    [Fact]
    public async Task A_run_started_as_a_hangfire_job_on_sqlite_storage_runs_and_its_instructions_appear()
    {
        await using var factory = new AutoIfWebFactory();
        _ = factory.Server; // starts the host, its Hangfire server and storage
        var services = factory.Services;
        var settings = RunSettingsEditor.Apply(new RunSettings(), [new("Seeds:Max", "5")]);
        var run = await services.GetRequiredService<RunService>().CreateAsync("job-test", settings);

        var jobId = await services.GetRequiredService<RunScheduler>().StartAsync(run.Id);

        Assert.False(string.IsNullOrEmpty(jobId));
        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "hangfire.db")), "Hangfire keeps its jobs in a SQLite file in the data folder");
        var contexts = services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>();
        var status = await Poll.UntilAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Runs.Where(r => r.Id == run.Id).Select(r => r.Status).SingleAsync();
        }, s => s is RunStatus.Completed or RunStatus.Failed);
        Assert.Equal(RunStatus.Completed, status);
        await using var read = await contexts.CreateDbContextAsync();
        Assert.Equal(5, await read.Instructions.CountAsync(i => i.RunId == run.Id && i.Origin == InstructionOrigin.Seed));
        Assert.Equal(jobId, (await read.Runs.SingleAsync(r => r.Id == run.Id)).JobId);
    }

    [Fact]
    public async Task A_host_whose_start_another_host_interleaves_with_still_runs_its_jobs_itself()
    {
        await using var other = new AutoIfWebFactory();
        _ = other.Server;
        // Another host starting in this process sets Hangfire's process-wide storage and activator to its own after this
        // host configured Hangfire and before it resolved them, as parallel starts do.
        await using var factory = new AutoIfWebFactory().WithServices(services => services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            JobStorage.Current = other.Services.GetRequiredService<JobStorage>();
            JobActivator.Current = other.Services.GetRequiredService<JobActivator>();
            return new NothingToHost();
        })));
        _ = factory.Server;
        var run = await factory.Services.GetRequiredService<RunService>().CreateAsync("own-jobs", RunSettingsEditor.Apply(new RunSettings(), [new("Seeds:Max", "2"), new("Augment:Rounds", "1")]));

        await factory.Services.GetRequiredService<RunScheduler>().StartAsync(run.Id);

        var contexts = factory.Services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>();
        var status = await Poll.UntilAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            return await db.Runs.Where(r => r.Id == run.Id).Select(r => r.Status).SingleAsync();
        }, s => s is RunStatus.Completed or RunStatus.Failed);
        Assert.Equal(RunStatus.Completed, status);
    }

    [Fact]
    public async Task A_job_for_a_run_another_process_holds_leaves_it_untouched_and_does_not_fail_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runs = database.Get<RunService>();
        var run = await runs.CreateAsync("held", RunSettingsEditor.Apply(new RunSettings(), [new("Seeds:Max", "2"), new("Augment:Rounds", "1")]));
        await runs.MarkQueuedAsync(run.Id);
        var job = new RunPipelineJob(database.Get<RunOrchestrator>(), database.Get<RunLock>(), NullLogger<RunPipelineJob>.Instance) { LockWait = TimeSpan.FromMilliseconds(300) };

        await using (await database.Get<RunLock>().AcquireAsync(run.Id, "held", TimeSpan.Zero))
        {
            await job.ExecuteAsync(run.Id, CancellationToken.None);
        }

        var untouched = await runs.GetAsync("held");
        Assert.Equal((RunStatus.Queued, null), (untouched.Status, untouched.Error));
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.StageProgress.AnyAsync(p => p.RunId == run.Id), "the job did no work");
        }

        await job.ExecuteAsync(run.Id, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, (await runs.GetAsync("held")).Status);
    }

    private sealed class NothingToHost : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
