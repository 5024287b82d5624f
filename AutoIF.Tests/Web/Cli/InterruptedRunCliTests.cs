using AutoIF.Core.Domain;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;
using Xunit.Abstractions;

namespace AutoIF.Tests.Web.Cli;

/// <summary>
/// A <c>run start --wait</c> killed with SIGKILL (a crash, an OOM kill, a reboot) leaves its run marked running with
/// nobody working on it: the CLI says it is interrupted and continues it, with no app and no cancel in between.
/// </summary>
public class InterruptedRunCliTests(ITestOutputHelper output)
{
    private const string Name = CrashScenario.RunName;

    [Fact]
    public async Task A_killed_run_start_wait_shows_as_interrupted_and_start_and_resume_continue_it_to_the_tables_of_an_uninterrupted_run()
    {
        await using var scenario = await CrashScenario.StartAsync();
        using var data = new TempFolder("autoif-cli-killed");
        await scenario.CreateRunAsync(data.Path);

        await using (var first = scenario.StartCli(data.Path, "run", "start", Name, "--wait"))
        {
            output.WriteLine($"first kill at {await CrashScenario.KillDuringSamplingAsync(first, data.Path)}");
        }
        var interrupted = await scenario.CliAsync(data.Path, ["run", "status", Name]);
        Assert.Contains($"run '{Name}' (#1): interrupted · the process working on it stopped (killed or crashed); `run resume {Name}` continues it", interrupted, StringComparison.Ordinal);

        // start on the interrupted run works (it used to answer "already running" until a cancel), and is killed in turn.
        var killedAt = (await DataFolderProbe.ProgressAsync(data.Path, PipelineStage.Sample))!.Value.Done;
        await using (var second = scenario.StartCli(data.Path, "run", "start", Name, "--wait"))
        {
            output.WriteLine($"second kill at {await CrashScenario.KillDuringSamplingAsync(second, data.Path, after: killedAt)}");
        }
        Assert.Contains("interrupted", await scenario.CliAsync(data.Path, ["run", "status", Name]), StringComparison.Ordinal);

        // Without --wait it is queued for a job server; with no app running nobody takes it, and status says so.
        Assert.Contains($"queued run '{Name}' as job", await scenario.CliAsync(data.Path, ["run", "start", Name]), StringComparison.Ordinal);
        var waiting = await scenario.CliAsync(data.Path, ["run", "status", Name]);
        Assert.Contains($"run '{Name}' (#1): queued · waiting for the app's job server to take it", waiting, StringComparison.Ordinal);
        var again = await AppProcess.RunCliAsync(data.Path, [.. new[] { "run", "start", Name }, .. scenario.Config]);
        Assert.True(again.ExitCode == 1, again.Output);
        Assert.Contains($"autoif: Run '{Name}' is already queued: it waits for a job server to take it.", again.Output, StringComparison.Ordinal);

        scenario.Server.Latency = TimeSpan.Zero;
        var resumed = await scenario.CliAsync(data.Path, ["run", "resume", Name, "--wait"]);
        Assert.Contains($"run '{Name}' (#1): completed", resumed, StringComparison.Ordinal);
        await scenario.AssertSameRowsAsReferenceAsync(data.Path);
    }
}
