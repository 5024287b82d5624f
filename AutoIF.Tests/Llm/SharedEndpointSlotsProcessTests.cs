using AutoIF.Core.Domain;
using AutoIF.Core.Llm;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Tests.Llm;

/// <summary>
/// <c>Llm:SharedSlots</c> between real processes of the built app: runs in separate command-line processes on one
/// database share each server's <c>MaxConcurrency</c>, and a process killed mid-call leaves no slot taken.
/// </summary>
public sealed class SharedEndpointSlotsProcessTests : IClassFixture<PostgresServer>, IAsyncLifetime
{
    // Two augment rounds: the run's first model calls are two at once.
    private static readonly string[] TwoAugmentCalls = ["--set", "Seeds:Max=4", "--set", "Augment:Rounds=2"];
    private static readonly string[] SmallRun = [.. RunOrchestratorTests.SmallRun.SelectMany(s => new[] { "--set", $"{s.Key}={s.Value}" })];

    private readonly PostgresServer _postgres;
    private FakeOpenAiServer _supervision = null!;

    public SharedEndpointSlotsProcessTests(PostgresServer postgres) => _postgres = postgres;

    public async Task InitializeAsync()
    {
        _supervision = await FakeOpenAiServer.StartAsync();
        _supervision.ModelName = PipelineHarness.SupervisionModel;
    }

    public async Task DisposeAsync()
    {
        _supervision.ReleaseReplies();
        await _supervision.DisposeAsync();
    }

    [Fact]
    public async Task Runs_in_two_processes_on_one_postgresql_database_never_send_a_server_more_than_its_limit_and_both_finish()
    {
        using var data = new TempFolder("autoif-slots-runs");
        var storage = _postgres.StorageSettings("autoif_slots_runs");
        _supervision.Responder = RuleBasedModel.Answer;
        // Answers slow enough that the two runs' model stages overlap.
        _supervision.Latency = TimeSpan.FromMilliseconds(10);
        foreach (var run in new[] { "first", "second" })
        {
            var create = await AppProcess.RunCliAsync(data.Path, ["run", "create", run, .. SmallRun, .. Config(storage, "sk-none")]);
            Assert.True(create.ExitCode == 0, create.Output);
        }

        await using var first = AppProcess.StartCli(data.Path, ["run", "start", "first", "--wait", .. Config(storage, "sk-first-1111")]);
        await using var second = AppProcess.StartCli(data.Path, ["run", "start", "second", "--wait", .. Config(storage, "sk-second-2222")]);
        Assert.True(await first.WaitForExitAsync(TimeSpan.FromMinutes(5)) == 0, first.Output);
        Assert.True(await second.WaitForExitAsync(TimeSpan.FromMinutes(5)) == 0, second.Output);

        // A run without online rounds calls the supervision role only.
        Assert.InRange(_supervision.MaxInFlight, 1, 2);
        Assert.Contains(_supervision.Requests, r => r.Authorization == "Bearer sk-first-1111");
        Assert.Contains(_supervision.Requests, r => r.Authorization == "Bearer sk-second-2222");
        await using var host = await TestDatabase.CreateAsync(storage);
        await using var db = host.CreateContext();
        Assert.Equal([RunStatus.Completed, RunStatus.Completed], await db.Runs.OrderBy(r => r.Name).Select(r => r.Status).ToListAsync());
    }

    [Fact]
    public async Task On_postgresql_the_slots_of_a_process_killed_mid_call_are_free_without_an_expiry()
    {
        using var data = new TempFolder("autoif-slots-kill-pg");
        var storage = _postgres.StorageSettings("autoif_slots_kill");
        await using var held = await StartHoldingAsync(data.Path, storage);
        await using var host = await TestDatabase.CreateAsync(storage);
        var slots = host.Get<SharedEndpointSlots>();
        Assert.Null(await TryTakeAsync(slots));

        held.Kill();

        // The killed process's session ends with its connection. PostgreSQL notices the closed socket on its own time,
        // which the poll's limit (far below any lease expiry, and there is none) allows for.
        await using var one = await Poll.UntilAsync(() => TryTakeAsync(slots), lease => lease is not null, TimeSpan.FromSeconds(20));
        await using var two = await Poll.UntilAsync(() => TryTakeAsync(slots), lease => lease is not null, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task On_sqlite_the_slots_of_a_process_killed_mid_call_are_free_at_once()
    {
        using var data = new TempFolder("autoif-slots-kill-sqlite");
        var storage = new Dictionary<string, string?>();
        await using var held = await StartHoldingAsync(data.Path, storage);
        await using var host = await TestDatabase.CreateAsync(new Dictionary<string, string?> { ["Storage:DataFolder"] = data.Path });
        var slots = host.Get<SharedEndpointSlots>();
        Assert.Null(await TryTakeAsync(slots));

        held.Kill();

        // The kernel drops a process's file locks as it exits, before the kill returns.
        await using var one = await TryTakeAsync(slots);
        await using var two = await TryTakeAsync(slots);
        Assert.NotNull(one);
        Assert.NotNull(two);
    }

    /// <summary>A run in a command-line process whose two supervision calls (two augment rounds) the server holds unanswered.</summary>
    private async Task<AppProcess> StartHoldingAsync(string dataFolder, Dictionary<string, string?> storage)
    {
        var create = await AppProcess.RunCliAsync(dataFolder, ["run", "create", "held", .. TwoAugmentCalls, .. Config(storage, "sk-held-3333")]);
        Assert.True(create.ExitCode == 0, create.Output);
        _supervision.HoldReplies();
        var process = AppProcess.StartCli(dataFolder, ["run", "start", "held", "--wait", .. Config(storage, "sk-held-3333")]);
        await Poll.UntilAsync(() => _supervision.InFlight == 2 || process.HasExited);
        Assert.False(process.HasExited, process.Output);
        return process;
    }

    private Task<IAsyncDisposable?> TryTakeAsync(SharedEndpointSlots slots) =>
        slots.TryAcquireAsync(LlmRole.Supervision, LlmEndpointHealth.ServerOf(_supervision.BaseUrl.ToString()), 2, CancellationToken.None);

    /// <summary>The model and storage settings as command-line configuration: supervision calls two at once.</summary>
    private string[] Config(Dictionary<string, string?> storage, string apiKey)
    {
        var settings = PipelineHarness.EndpointSettings(_supervision.BaseUrl);
        settings["Llm:Supervision:ApiKey"] = apiKey;
        settings["Llm:Supervision:MaxConcurrency"] = "2";
        foreach (var (key, value) in storage)
        {
            settings[key] = value;
        }
        return [.. settings.Select(kv => $"--{kv.Key}={kv.Value}")];
    }
}
