using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AutoIF.Tests.Storage;

/// <summary>Two processes never work on the same run at once: the CLI and the app's run jobs take the same per-run lock.</summary>
public class RunLockTests : IClassFixture<PostgresServer>
{
    private readonly PostgresServer _postgres;

    public RunLockTests(PostgresServer postgres) => _postgres = postgres;

    [Fact]
    public async Task A_command_refuses_a_run_another_process_holds_and_leaves_it_untouched_then_works_once_it_is_free()
    {
        using var data = new TempFolder("autoif-lock");
        var create = await AppProcess.RunCliAsync(data.Path, "run", "create", "locked", "--set", "Augment:Rounds=1");
        Assert.True(create.ExitCode == 0, create.Output);
        var contexts = new SqliteFileContextFactory(data.Path);
        var runId = await contexts.CreateDbContext().Runs.Where(r => r.Name == "locked").Select(r => r.Id).SingleAsync();
        var runLock = new RunLock(contexts, Options.Create(new StorageOptions { DataFolder = data.Path }));

        await using (await runLock.AcquireAsync(runId, "locked", TimeSpan.Zero))
        {
            var refused = await AppProcess.RunCliAsync(data.Path, "verify", "--run", "locked");

            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("Run 'locked' is being worked on by another process", refused.Output, StringComparison.Ordinal);
            Assert.Equal(RunStatus.Draft, await StatusAsync(contexts));
        }

        var verify = await AppProcess.RunCliAsync(data.Path, "verify", "--run", "locked");
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Equal(RunStatus.Paused, await StatusAsync(contexts));
    }

    [Fact]
    public async Task On_sqlite_a_second_holder_waits_and_is_refused_until_the_first_lets_go()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AssertExclusiveAsync(database.Get<RunLock>());
    }

    [Fact]
    public async Task On_postgresql_a_second_holder_waits_and_is_refused_until_the_first_lets_go()
    {
        await using var database = await TestDatabase.CreateAsync(_postgres.StorageSettings("autoif_lock"));
        await AssertExclusiveAsync(database.Get<RunLock>());
    }

    [Fact]
    public async Task On_sqlite_a_probe_sees_whether_a_run_is_held_without_keeping_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AssertProbeAsync(database.Get<RunLock>());
    }

    [Fact]
    public async Task On_postgresql_a_probe_sees_whether_a_run_is_held_without_keeping_it()
    {
        await using var database = await TestDatabase.CreateAsync(_postgres.StorageSettings("autoif_lock_probe"));
        await AssertProbeAsync(database.Get<RunLock>());
    }

    private static async Task AssertProbeAsync(RunLock runLock)
    {
        Assert.False(await runLock.IsHeldAsync(7));
        await using (await runLock.AcquireAsync(7, "seven", TimeSpan.Zero))
        {
            Assert.True(await runLock.IsHeldAsync(7));
            Assert.False(await runLock.IsHeldAsync(8));
        }
        Assert.False(await runLock.IsHeldAsync(7));
        // The probe let go: the run can be taken without waiting.
        await (await runLock.AcquireAsync(7, "seven", TimeSpan.Zero)).DisposeAsync();
    }

    private static async Task AssertExclusiveAsync(RunLock runLock)
    {
        var first = await runLock.AcquireAsync(7, "seven", TimeSpan.Zero);
        // Another run is not held up.
        await using (await runLock.AcquireAsync(8, "eight", TimeSpan.Zero))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => runLock.AcquireAsync(7, "seven", TimeSpan.FromMilliseconds(500)));
            Assert.Contains("Run 'seven' is being worked on by another process", refused.Message, StringComparison.Ordinal);
        }

        // A waiter gets the lock as soon as the holder lets go. That it cannot get it before is what the refusal above
        // shows (a wait that ended in refusal), not a pause here followed by a look at whether it finished.
        var waiting = runLock.AcquireAsync(7, "seven", TimeSpan.FromSeconds(30));
        await first.DisposeAsync();
        await (await waiting).DisposeAsync();
    }

    private static async Task<RunStatus> StatusAsync(SqliteFileContextFactory contexts)
    {
        await using var db = contexts.CreateDbContext();
        return await db.Runs.Where(r => r.Name == "locked").Select(r => r.Status).SingleAsync();
    }
}
