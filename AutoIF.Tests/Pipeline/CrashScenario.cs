using AutoIF.Core.Domain;
using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Llm;

namespace AutoIF.Tests.Pipeline;

/// <summary>
/// A small run against a deterministic model server, run once without interruption as the reference, and the means to
/// interrupt the same run elsewhere: start the CLI or the app on another data folder, kill it mid-run with SIGKILL, and
/// compare the finished tables with the reference's row by row (any difference is the interruption's doing).
/// </summary>
internal sealed class CrashScenario : IAsyncDisposable
{
    public const string RunName = "crash";

    private static readonly string[] RunSettings = [.. RunOrchestratorTests.SmallRun.Append((Key: "Responses:Samples", Value: "3")).SelectMany(s => new[] { "--set", $"{s.Key}={s.Value}" })];

    // Slow answers make the model stages take seconds, so a kill lands inside one.
    private static readonly TimeSpan SlowAnswers = TimeSpan.FromMilliseconds(100);

    private readonly TempFolder _reference = new("autoif-crash-reference");

    private CrashScenario(FakeOpenAiServer server, Dictionary<string, string> settings)
    {
        Server = server;
        AppSettings = settings;
    }

    public FakeOpenAiServer Server { get; }

    /// <summary>The model endpoint settings, for the app as a dictionary.</summary>
    public Dictionary<string, string> AppSettings { get; }

    /// <summary>The same settings as command-line configuration, for a CLI verb.</summary>
    public string[] Config => [.. AppSettings.Select(kv => $"--{kv.Key}={kv.Value}")];

    public static async Task<CrashScenario> StartAsync()
    {
        var server = await FakeOpenAiServer.StartAsync();
        server.ModelName = PipelineHarness.SupervisionModel;
        server.Responder = RuleBasedModel.Answer;
        var settings = PipelineHarness.EndpointSettings(server.BaseUrl).ToDictionary(kv => kv.Key, kv => kv.Value!);
        settings["Llm:Supervision:MaxConcurrency"] = "4";
        var scenario = new CrashScenario(server, settings);
        await scenario.CliAsync(scenario._reference.Path, ["run", "create", RunName, .. RunSettings]);
        await scenario.CliAsync(scenario._reference.Path, ["run", "start", RunName, "--wait", .. scenario.Config]);
        server.Latency = SlowAnswers;
        return scenario;
    }

    /// <summary>Creates the run, not started, in <paramref name="dataFolder"/>.</summary>
    public Task CreateRunAsync(string dataFolder) => CliAsync(dataFolder, ["run", "create", RunName, .. RunSettings]);

    /// <summary>Runs a verb (with the model settings) and asserts it succeeded; returns its output.</summary>
    public async Task<string> CliAsync(string dataFolder, string[] args)
    {
        var (exitCode, output) = await AppProcess.RunCliAsync(dataFolder, [.. args, .. Config]);
        Assert.True(exitCode == 0, $"{string.Join(' ', args.Take(3))} failed ({exitCode}):\n{output}");
        return output;
    }

    /// <summary>Starts a verb (with the model settings) without waiting for it.</summary>
    public AppProcess StartCli(string dataFolder, params string[] args) => AppProcess.StartCli(dataFolder, [.. args, .. Config]);

    /// <summary>
    /// <see cref="StartCli"/> for a verb whose model calls the test holds at the server (<c>HoldReplies</c>) for as long
    /// as something else takes, e.g. an app starting on a loaded machine: its calls wait an hour before they time out.
    /// </summary>
    public AppProcess StartCliWithHeldCalls(string dataFolder, params string[] args) =>
        AppProcess.StartCli(dataFolder, [.. args, .. Config, "--Llm:Supervision:TimeoutSeconds=3600", "--Llm:Policy:TimeoutSeconds=3600"]);

    /// <summary>
    /// Waits until sampling has gone past <paramref name="after"/> responses and kills <paramref name="worker"/> there;
    /// fails loudly if the run ended first or the worker did. Returns the progress it was killed at.
    /// </summary>
    public static async Task<(int Done, bool Completed)> KillDuringSamplingAsync(AppProcess worker, string dataFolder, int after = 0)
    {
        var sample = await Poll.UntilAsync(() => DataFolderProbe.ProgressAsync(dataFolder, PipelineStage.Sample),
            p => p is { Done: var done, Completed: false } && done > after || p?.Completed == true || worker.HasExited, TimeSpan.FromMinutes(3));
        Assert.True(sample is { Completed: false } && sample.Value.Done > after && !worker.HasExited,
            $"the kill should land inside sampling, after {after} responses (progress: {sample}, exited: {worker.HasExited})\n{worker.Output}");
        worker.Kill();
        Assert.Equal(RunStatus.Running, await DataFolderProbe.RunStatusAsync(dataFolder));
        return sample!.Value;
    }

    /// <summary>Every table of <paramref name="dataFolder"/> equals the uninterrupted reference's, row by row.</summary>
    public async Task AssertSameRowsAsReferenceAsync(string dataFolder)
    {
        var expected = await RunSnapshot.ReadAsync(_reference.Path);
        var actual = await RunSnapshot.ReadAsync(dataFolder);
        Assert.True(expected.Tables["Responses"].Count > 100, "the reference run sampled responses");
        foreach (var (table, rows) in expected.Tables)
        {
            var got = actual.Tables[table];
            var missing = rows.Except(got).Take(3).ToList();
            var extra = got.Except(rows).Take(3).ToList();
            Assert.True(rows.SequenceEqual(got), $"{table}: {rows.Count} rows expected, {got.Count} found; missing e.g. [{string.Join(" ; ", missing)}], extra e.g. [{string.Join(" ; ", extra)}]");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _reference.Dispose();
    }
}
