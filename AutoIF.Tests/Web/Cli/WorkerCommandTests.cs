using System.Net;
using System.Text.Json;
using AutoIF.Core.Domain;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;

namespace AutoIF.Tests.Web.Cli;

/// <summary><c>worker</c>: a job server process without pages takes the runs a command queued, and answers /health.</summary>
public class WorkerCommandTests
{
    [Fact]
    public async Task A_worker_runs_a_run_queued_by_the_command_line_and_reports_its_health()
    {
        using var data = new TempFolder("autoif-worker");
        Assert.Equal(0, (await AppProcess.RunCliAsync(data.Path, "run", "create", "queued", "--set", "Seeds:Max=3", "--set", "Augment:Rounds=1")).ExitCode);
        // Without --wait the command only queues the run's job in the data folder's job storage.
        var start = await AppProcess.RunCliAsync(data.Path, "run", "start", "queued");
        Assert.True(start.ExitCode == 0, start.Output);
        Assert.Equal(RunStatus.Queued, await DataFolderProbe.RunStatusAsync(data.Path));

        await using var worker = await AppProcess.StartWorkerAsync(data.Path, "--queues", "runs", "--workers", "1");

        Assert.Contains("worker: queues runs;", worker.Output, StringComparison.Ordinal);
        var status = await Poll.UntilAsync(() => DataFolderProbe.RunStatusAsync(data.Path), s => s is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled);
        Assert.True(status == RunStatus.Completed, $"the worker should finish the run, but it is {status}\n{worker.Output}");
        using var http = new HttpClient { BaseAddress = worker.BaseAddress };
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal(["database", "jobs", "sandbox"], body.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order());
        // A worker serves no pages.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/runs")).StatusCode);
    }

    [Fact]
    public async Task A_worker_asked_for_a_queue_that_does_not_exist_names_it_and_the_real_ones()
    {
        using var data = new TempFolder("autoif-worker-bad");

        var (exitCode, output) = await AppProcess.RunCliAsync(data.Path, "worker", "--queues", "runs,model");

        Assert.Equal(1, exitCode);
        Assert.Contains("--queues: there is no queue 'model'; the queues are runs, sandbox, exports, default.", output, StringComparison.Ordinal);
    }
}
