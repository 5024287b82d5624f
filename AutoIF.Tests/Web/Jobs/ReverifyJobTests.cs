using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using AutoIF.Core.Verifiers;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;
using AutoIF.Tests.Verifiers;
using AutoIF.Web.Jobs;
using AutoIF.Web.UseCases;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>Re-verification as the Re-verify button starts it: a Hangfire job on the app's own SQLite job storage, in the whole app.</summary>
public class ReverifyJobTests
{
    private const string AcceptsAll = "def evaluate(response):\n    return True\n";

    [Fact]
    public async Task A_re_verification_after_an_edit_into_return_true_runs_as_a_job_and_stores_exactly_the_flipped_verdicts()
    {
        // Who acts comes from the circuit on a page; here, outside one, the command line's rule.
        await using var factory = new AutoIfWebFactory().WithServices(s => s.AddScoped<AutoIF.Web.UseCases.IActingUser, AutoIF.Web.Cli.OsActingUser>());
        _ = factory.Server;
        var services = factory.Services;
        // Flagged, not dropped: the vacuous version must take part for its verdicts to flip.
        var run = await FinishedDemoRun.CreateAsync(services, "reverify-job", ("CrossValidation:DropVacuous", "false"));
        var contexts = services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>();
        int edited;
        List<long> rejected;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // The kept verifier that rejected the most responses; each of its non-True verdicts must flip.
            var counts = await db.Verifiers.Where(v => v.RunId == run.Id && v.Status == ItemStatus.Kept)
                .Select(v => new { v.Id, Rejected = db.Verdicts.Count(d => d.VerifierId == v.Id && d.Kind != VerdictKind.True) })
                .OrderByDescending(v => v.Rejected).ThenBy(v => v.Id).ToListAsync();
            edited = counts[0].Id;
            rejected = await db.Verdicts.Where(d => d.VerifierId == edited && d.Kind != VerdictKind.True).Select(d => d.ResponseId).OrderBy(id => id).ToListAsync();
        }
        Assert.NotEmpty(rejected);
        var version = await services.GetRequiredService<VerifierVersions>().EditAsync(edited, AcceptsAll, "accepts everything");

        // As a page does: the use cases are scoped to a circuit, which knows who acts.
        using var scope = services.CreateScope();
        var id = await scope.ServiceProvider.GetRequiredService<RunControl>().ReverifyAsync(run.Id);

        var store = services.GetRequiredService<ReverificationStore>();
        var record = await Poll.UntilAsync(() => store.FindAsync(id), r => r?.State is ReverificationState.Done or ReverificationState.Failed);
        Assert.Equal((ReverificationState.Done, null), (record!.State, record.Error));
        var diff = record.Diff!;
        var flipped = Assert.Single(diff.Verifiers, v => v.TrueToFalse + v.FalseToTrue > 0);
        Assert.Equal((version.Id, 2, 1, 0, rejected.Count), (flipped.VerifierId, flipped.Version, flipped.FromVersion, flipped.TrueToFalse, flipped.FalseToTrue));
        Assert.Equal(rejected.Take(5), flipped.Examples.Select(e => e.ResponseId));
        Assert.All(flipped.Examples, e => Assert.Equal("true", e.NewVerdict));
        Assert.DoesNotContain(flipped.Examples, e => e.OldVerdict == "true");
        Assert.Equal(["ok", "vacuous"], (await services.GetRequiredService<VerifierVersions>().HistoryAsync(edited)).Select(v => v.SelfTest));
        await using (var db = await contexts.CreateDbContextAsync())
        {
            Assert.Equal(0, await db.ReverificationVerdicts.CountAsync());
        }
    }

    [Fact]
    public async Task A_re_verification_queued_while_another_process_works_on_the_run_waits_for_it_and_then_runs()
    {
        // Who acts comes from the circuit on a page; here, outside one, the command line's rule.
        await using var factory = new AutoIfWebFactory().WithServices(s => s.AddScoped<AutoIF.Web.UseCases.IActingUser, AutoIF.Web.Cli.OsActingUser>());
        _ = factory.Server;
        var services = factory.Services;
        var run = await FinishedDemoRun.CreateAsync(services, "reverify-wait");
        var store = services.GetRequiredService<ReverificationStore>();
        int id;

        await using (await services.GetRequiredService<RunLock>().AcquireAsync(run.Id, run.Name, TimeSpan.FromSeconds(5)))
        {
            using var scope = services.CreateScope();
            id = await scope.ServiceProvider.GetRequiredService<RunControl>().ReverifyAsync(run.Id);
            var monitoring = services.GetRequiredService<JobStorage>().GetMonitoringApi();
            await Poll.UntilAsync(() => monitoring.ProcessingJobs(0, 50).Any(j => j.Value.Job?.Type == typeof(ReverifyJob)));
            // The job is running and the lock is held: it waits for it and has touched nothing.
            Assert.Equal(ReverificationState.Queued, (await store.FindAsync(id))!.State);
        }

        var record = await Poll.UntilAsync(() => store.FindAsync(id), r => r?.State is ReverificationState.Done or ReverificationState.Failed);
        Assert.Equal((ReverificationState.Done, null), (record!.State, record.Error));
        // Nothing was edited, so nothing changed.
        Assert.DoesNotContain(record.Diff!.Verifiers, v => v.TrueToFalse + v.FalseToTrue > 0);
        Assert.Equal((0, 0, 0), (record.Diff.ResponsesChanged, record.Diff.PairsAdded, record.Diff.PairsRemoved));
        Assert.Equal(record.Diff.FunnelBefore, record.Diff.FunnelAfter);
    }

    [Fact]
    public async Task A_re_verification_that_cannot_get_the_run_within_its_wait_fails_with_the_reason_and_changes_nothing()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var run = await VersionedRun.CreateAsync(harness, dropVacuous: false);
        var edited = await harness.Get<VerifierVersions>().EditAsync(run.Exact, AcceptsAll, null);
        var store = harness.Get<ReverificationStore>();
        var id = await store.CreateAsync(run.RunId, null);
        var job = new ReverifyJob(harness.Get<Reverifier>(), store, harness.Get<RunLock>(), NullLogger<ReverifyJob>.Instance) { LockWait = TimeSpan.FromMilliseconds(300) };

        await using (await harness.Get<RunLock>().AcquireAsync(run.RunId, "held", TimeSpan.Zero))
        {
            await job.ExecuteAsync(id, CancellationToken.None);
        }

        var record = await store.FindAsync(id);
        Assert.Equal(ReverificationState.Failed, record!.State);
        Assert.Equal("another process was working on the run (a run, a verify or another re-verification); start it again when that has finished", record.Error);
        Assert.Null(record.Diff);
        // Nothing was re-verified: the new version is still uncompiled and has no verdict.
        await using var db = harness.CreateContext();
        Assert.Equal(0, await db.Verdicts.CountAsync(v => v.VerifierId == edited.Id));
        Assert.Equal(CompileStatus.Unchecked, (await db.Verifiers.SingleAsync(v => v.Id == edited.Id)).CompileStatus);
    }
}
