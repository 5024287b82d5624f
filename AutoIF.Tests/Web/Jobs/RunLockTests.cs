using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using AutoIF.Web.Jobs;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>Two processes never work on the same run at once: the CLI takes the same per-run lock as the app's run jobs.</summary>
public class RunLockTests
{
    [Fact]
    public async Task A_command_refuses_a_run_another_process_holds_and_leaves_it_untouched_then_works_once_it_is_free()
    {
        using var data = new TempFolder("autoif-lock");
        var create = await AppProcess.RunCliAsync(data.Path, "run", "create", "locked", "--set", "Augment:Rounds=1");
        Assert.True(create.ExitCode == 0, create.Output);
        var runId = await RunIdAsync(data.Path);

        var storage = new SQLiteStorage(Path.Combine(data.Path, "hangfire.db"), new SQLiteStorageOptions());
        using (new RunLock(storage).Acquire(runId, "locked", TimeSpan.FromSeconds(5)))
        {
            var refused = await AppProcess.RunCliAsync(data.Path, "verify", "--run", "locked");

            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("Run 'locked' is being worked on by another process", refused.Output, StringComparison.Ordinal);
            Assert.Equal(RunStatus.Draft, await StatusAsync(data.Path));
        }

        var verify = await AppProcess.RunCliAsync(data.Path, "verify", "--run", "locked");
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.Equal(RunStatus.Paused, await StatusAsync(data.Path));
    }

    private static async Task<int> RunIdAsync(string folder)
    {
        await using var db = Open(folder);
        return await db.Runs.Where(r => r.Name == "locked").Select(r => r.Id).SingleAsync();
    }

    private static async Task<RunStatus> StatusAsync(string folder)
    {
        await using var db = Open(folder);
        return await db.Runs.Where(r => r.Name == "locked").Select(r => r.Status).SingleAsync();
    }

    private static SqliteAutoIfDbContext Open(string folder) => new(new DbContextOptionsBuilder<SqliteAutoIfDbContext>()
        .UseSqlite(new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "autoif.db"), Pooling = false }.ToString()).Options);
}
