using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Jobs;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>The resume sweep on a real database, real run locks and a Hangfire storage with no server to run the jobs it queues.</summary>
public sealed class RunSchedulerTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private InMemoryStorage _storage = null!;
    private RunScheduler _scheduler = null!;
    private RunService _runs = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _storage = new InMemoryStorage();
        _runs = _db.Get<RunService>();
        _scheduler = new RunScheduler(new BackgroundJobClient(_storage), _storage, _runs, _db.Get<RunLiveness>(), NullLogger<RunScheduler>.Instance);
    }

    public async Task DisposeAsync()
    {
        _storage.Dispose();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_queued_run_whose_job_still_waits_is_not_queued_twice_and_one_whose_job_is_gone_gets_a_new_one()
    {
        var run = await _runs.CreateAsync("waiting", new RunSettings());
        var jobId = await _scheduler.StartAsync(run.Id);

        Assert.Empty(await _scheduler.ResumeInterruptedAsync());
        Assert.Equal([jobId], EnqueuedJobIds());

        new BackgroundJobClient(_storage).Delete(jobId);
        Assert.Equal([run.Id], await _scheduler.ResumeInterruptedAsync());
        var replacement = Assert.Single(EnqueuedJobIds());
        Assert.Equal((RunStatus.Queued, replacement), await StoredAsync(run.Id));
    }

    [Fact]
    public async Task An_interrupted_run_is_queued_again_once_and_a_live_one_is_left_alone()
    {
        var interrupted = await _runs.CreateAsync("interrupted", new RunSettings());
        var live = await _runs.CreateAsync("live", new RunSettings());
        await SetRunningAsync(interrupted.Id, "failed before");
        await SetRunningAsync(live.Id, null);
        await using var working = await _db.Get<RunLock>().AcquireAsync(live.Id, "live", TimeSpan.Zero);

        Assert.Equal([interrupted.Id], await _scheduler.ResumeInterruptedAsync());
        Assert.Empty(await _scheduler.ResumeInterruptedAsync());

        var jobId = Assert.Single(EnqueuedJobIds());
        Assert.Equal((RunStatus.Queued, jobId), await StoredAsync(interrupted.Id));
        Assert.Null((await _runs.GetAsync("interrupted")).Error);
        Assert.Equal((RunStatus.Running, null), await StoredAsync(live.Id));
    }

    [Fact]
    public async Task Start_refuses_a_live_run_and_continues_an_interrupted_one()
    {
        var run = await _runs.CreateAsync("r", new RunSettings());
        await SetRunningAsync(run.Id, null);

        await using (await _db.Get<RunLock>().AcquireAsync(run.Id, "r", TimeSpan.Zero))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _scheduler.StartAsync(run.Id));
            Assert.Equal("Run 'r' is already running: another process (the app's job server or a command) works on it.", refused.Message);
        }

        var jobId = await _scheduler.StartAsync(run.Id);
        Assert.Equal((RunStatus.Queued, jobId), await StoredAsync(run.Id));
    }

    // A deleted job stays in the queue until a worker would fetch it; only jobs still in the Enqueued state will run.
    private List<string> EnqueuedJobIds() => [.. _storage.GetMonitoringApi().EnqueuedJobs(JobQueues.Runs, 0, 100).Where(j => j.Value.InEnqueuedState).Select(j => j.Key)];

    private async Task SetRunningAsync(int runId, string? error)
    {
        await using var db = _db.CreateContext();
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.Error, error));
    }

    private async Task<(RunStatus, string?)> StoredAsync(int runId)
    {
        await using var db = _db.CreateContext();
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId);
        return (run.Status, run.JobId);
    }
}
