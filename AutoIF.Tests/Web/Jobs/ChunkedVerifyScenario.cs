using AutoIF.Tests.Infrastructure;
using AutoIF.Tests.Llm;
using AutoIF.Tests.Pipeline;

namespace AutoIF.Tests.Web.Jobs;

/// <summary>
/// A small run on a real PostgreSQL server against a deterministic model server, run once by <c>run start --wait</c>
/// (one process, no job server: Verify works in-process) as the reference; then the same run in other databases of the
/// server, worked on by worker processes with Verify split into chunk jobs of a few responses, to be compared with it.
/// </summary>
public sealed class ChunkedVerifyScenario : IAsyncLifetime
{
    public const string RunName = "chunks";

    /// <summary>Responses per chunk job: a handful, so the run's Verify has several chunks.</summary>
    public const int ChunkResponses = 5;

    public static readonly string[] RunSettings =
        [.. RunOrchestratorTests.SmallRun.Append((Key: "Responses:Samples", Value: "3")).SelectMany(s => new[] { "--set", $"{s.Key}={s.Value}" })];

    private readonly PostgresServer _postgres = new();
    private readonly TempFolder _exports = new("autoif-chunks-exports");
    private FakeOpenAiServer? _server;
    private int _databases;

    internal RunSnapshot Reference { get; private set; } = null!;

    public string ExportsFolder => _exports.Path;

    public IReadOnlyList<string> ReferenceExports { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _server = await FakeOpenAiServer.StartAsync();
        _server.ModelName = PipelineHarness.SupervisionModel;
        _server.Responder = RuleBasedModel.Answer;
        using var reference = NewDatabase();
        await reference.CliAsync(["run", "create", RunName, .. RunSettings]);
        await reference.CliAsync("run", "start", RunName, "--wait");
        Reference = await reference.SnapshotAsync();
        ReferenceExports = await reference.ExportsAsync();
    }

    /// <summary>A fresh database on the server, with its own data folder, for one run of the scenario.</summary>
    /// <param name="coordinatorVerifies">
    /// <c>Jobs:CoordinatorVerifiesChunks</c>: off by default here, so a test knows which process took each chunk (only
    /// the workers taking the sandbox queue do).
    /// </param>
    internal ChunkedVerifyDatabase NewDatabase(bool coordinatorVerifies = false)
    {
        var name = $"autoif_chunks_{Interlocked.Increment(ref _databases)}";
        var settings = PipelineHarness.EndpointSettings(_server!.BaseUrl).ToDictionary(kv => kv.Key, kv => kv.Value!);
        foreach (var (key, value) in _postgres.StorageSettings(name))
        {
            settings[key] = value!;
        }
        // Generous timeouts: a verdict that timed out only because the machine was busy would differ from the reference's.
        settings["Sandbox:TimeoutSeconds"] = "10";
        settings["Sandbox:HardDeadlineSeconds"] = "20";
        settings["Jobs:ChunkResponses"] = ChunkResponses.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Jobs:CoordinatorVerifiesChunks"] = coordinatorVerifies ? "true" : "false";
        // A killed worker's job comes back after this (the least allowed), not after a minute.
        settings["Jobs:LeaseSeconds"] = "15";
        // A run whose killed coordinator had not yet let go of its lock at a worker's start is queued again soon after.
        settings["Jobs:ResumeCheckSeconds"] = "5";
        return new ChunkedVerifyDatabase(this, _postgres.ConnectionString(name), settings);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await _postgres.DisposeAsync();
        _exports.Dispose();
    }
}
