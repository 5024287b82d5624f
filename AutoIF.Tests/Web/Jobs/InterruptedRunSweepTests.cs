using AutoIF.Core.Domain;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;
using Xunit.Abstractions;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>
/// The app's job server resumes interrupted runs, whoever left them, at start and every Jobs:ResumeCheckSeconds; a run
/// another process still works on (its lock held) is left alone.
/// </summary>
public class InterruptedRunSweepTests(ITestOutputHelper output)
{
    private const string Name = CrashScenario.RunName;

    [Fact]
    public async Task The_app_resumes_at_start_a_run_whose_command_was_killed()
    {
        await using var scenario = await CrashScenario.StartAsync();
        using var data = new TempFolder("autoif-sweep-start");
        await scenario.CreateRunAsync(data.Path);
        await using (var cli = scenario.StartCli(data.Path, "run", "start", Name, "--wait"))
        {
            output.WriteLine($"killed the command at {await CrashScenario.KillDuringSamplingAsync(cli, data.Path)}");
        }

        scenario.Server.Latency = TimeSpan.Zero;
        // No periodic check during the test: only the sweep at start can pick the run up.
        await using var app = await AppProcess.StartWebAsync(data.Path, With(scenario.AppSettings, "Jobs:ResumeCheckSeconds", "86400"));

        var status = await Poll.UntilAsync(() => DataFolderProbe.RunStatusAsync(data.Path), s => s is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled, TimeSpan.FromMinutes(3));
        Assert.True(status == RunStatus.Completed, $"the app should finish the interrupted run, but it is {status}\n{app.Output}");
        await scenario.AssertSameRowsAsReferenceAsync(data.Path);
    }

    [Fact]
    public async Task A_restarting_app_leaves_a_run_to_the_command_working_on_it_and_takes_it_over_once_that_command_is_killed()
    {
        await using var scenario = await CrashScenario.StartAsync();
        using var data = new TempFolder("autoif-sweep-live");
        await scenario.CreateRunAsync(data.Path);
        // The command's model calls are held, so it is mid-run however long the app takes to start; the app sweeps once
        // at start (before it serves) and every second after, and must leave the live run alone.
        scenario.Server.HoldReplies();
        var before = scenario.Server.ChatRequestCount;
        await using var cli = scenario.StartCliWithHeldCalls(data.Path, "run", "start", Name, "--wait");
        await Poll.UntilAsync(() => scenario.Server.ChatRequestCount > before || cli.HasExited, TimeSpan.FromMinutes(3));
        Assert.False(cli.HasExited, cli.Output);
        await using var app = await AppProcess.StartWebAsync(data.Path, With(scenario.AppSettings, "Jobs:ResumeCheckSeconds", "1"));
        Assert.Equal((RunStatus.Running, null), await DataFolderProbe.RunAsync(data.Path));
        Assert.False(cli.HasExited, cli.Output);
        cli.Kill();
        output.WriteLine("killed the command while its calls were held");

        scenario.Server.ReleaseReplies();
        scenario.Server.Latency = TimeSpan.Zero;
        var status = await Poll.UntilAsync(() => DataFolderProbe.RunStatusAsync(data.Path), s => s is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled, TimeSpan.FromMinutes(3));
        Assert.True(status == RunStatus.Completed, $"the app should pick up the run once its command was killed, but it is {status}\n{app.Output}");
        Assert.NotNull((await DataFolderProbe.RunAsync(data.Path))?.JobId);
        await scenario.AssertSameRowsAsReferenceAsync(data.Path);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> settings, string key, string value) =>
        new(settings) { [key] = value };
}
