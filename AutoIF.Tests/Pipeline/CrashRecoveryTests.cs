using AutoIF.Core.Domain;
using AutoIF.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// The app is killed with SIGKILL in the middle of sampling and started again on the same data folder: it queues the
/// interrupted run again on start, and the finished run must equal, table by table, a run of the same settings that
/// was never interrupted (same answers from a deterministic model server, so any difference is the crash's doing).
/// </summary>
public class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_run_killed_mid_stage_and_restarted_ends_with_exactly_the_tables_of_an_uninterrupted_run()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var scenario = await CrashScenario.StartAsync();
        output.WriteLine($"{clock.Elapsed}: reference run done");
        using var crashed = new TempFolder("autoif-crash-killed");
        await scenario.CreateRunAsync(crashed.Path);
        await using (var app = await AppProcess.StartWebAsync(crashed.Path, scenario.AppSettings))
        {
            await scenario.CliAsync(crashed.Path, ["run", "start", CrashScenario.RunName]);
            var sample = await CrashScenario.KillDuringSamplingAsync(app, crashed.Path);
            output.WriteLine($"{clock.Elapsed}: killed the app at sampling progress {sample}");
        }

        scenario.Server.Latency = TimeSpan.Zero;
        await using (var restarted = await AppProcess.StartWebAsync(crashed.Path, scenario.AppSettings))
        {
            var status = await Poll.UntilAsync(() => DataFolderProbe.RunStatusAsync(crashed.Path), s => s is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled, TimeSpan.FromMinutes(3));
            output.WriteLine($"{clock.Elapsed}: restarted app finished the run");
            Assert.True(status == RunStatus.Completed, $"the restarted app should finish the interrupted run, but it is {status}\n{restarted.Output}");
        }

        await scenario.AssertSameRowsAsReferenceAsync(crashed.Path);
    }
}
