using System.Diagnostics;
using System.Globalization;
using AutoIF.Core;
using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoIF.Bench;

/// <summary>
/// A full run of 200 instructions (40 seeds + 16 augment rounds × 10) against a loopback model server answering after
/// 100 ms, with the real gateway, SQLite store and sandbox: wall time per stage and in total, and how busy the LLM
/// slots were (sum of call latencies / (concurrency × wall time)), per stage and overall; model calls per kept response
/// and sandbox calls/s, once as the baseline, once with up to three constraints per prompt, and once with question verifiers too.
/// </summary>
internal sealed class PipelineBenchmark : IBenchmark
{
    internal const int Concurrency = 16;
    internal static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(100);

    public string Name => "pipeline";

    public string Description => "full run: 200 instructions, model server at 100 ms latency, concurrency 16; time per stage, LLM slots busy share, calls per kept response, sandbox calls/s; k = 1 with and without streaming stages, Compose:MaxInstructions=3, and that with Verifiers:Kinds=code,question";

    /// <summary>
    /// The rows: the baseline, and the same run with up to three constraints per prompt, so the cost of several
    /// constraints (compatibility checks, longer prompts, more verifier calls per response) is visible, and once more with
    /// question verifiers on top (a questions prompt per instruction, a yes/no per question on each case and response).
    /// </summary>
    private static readonly (string Name, (string Key, string Value)[] Settings, (string Key, string Value)[] Host)[] Variants =
    [
        ("baseline (k = 1)", [], []),
        // Right after the baseline, so the two share the machine's state: what streaming Verify and Judge behind Sample
        // (decision 050) gains, against every stage waiting for the one before.
        ("baseline (k = 1), Pipeline:StreamStages=false", [], [("Pipeline:StreamStages", "false")]),
        ("Compose:MaxInstructions=3", [("Compose:MaxInstructions", "3")], []),
        // Question verifiers (issue #15): their questions prompt, yes/no on cases and on every response, on top of k = 3.
        ("Compose:MaxInstructions=3, Verifiers:Kinds=code,question", [("Compose:MaxInstructions", "3"), ("Verifiers:Kinds", "code,question")], []),
    ];

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        // The app runs for days: a first run that compiles every path once stands for what it has done before, so the
        // first row is not charged with the process's start (it was: Augment 1.4 s against 0.3 s).
        Console.WriteLine("  (warm-up: the quick run once, not reported)");
        await RunVariantAsync(quick: true, [], [], cancellationToken, report: false);
        foreach (var (name, settings, host) in Variants)
        {
            Console.WriteLine($"  == {name}");
            await RunVariantAsync(quick, settings, host, cancellationToken);
        }
    }

    /// <summary>The run's size: 200 instructions, or the quick mode's few (the scale benchmark runs the same run).</summary>
    internal static (string Key, string Value)[] RunSize(bool quick) => quick
        ? [("Seeds:Max", "10"), ("Augment:Rounds", "2"), ("Verifiers:Samples", "2"), ("Compose:QueriesPerInstruction", "2"), ("Responses:Samples", "2")]
        : [("Seeds:Max", "40"), ("Augment:Rounds", "16"), ("Verifiers:Samples", "5"), ("Compose:QueriesPerInstruction", "4"), ("Responses:Samples", "4")];

    private static async Task RunVariantAsync(bool quick, (string Key, string Value)[] variant, (string Key, string Value)[] hostSettings, CancellationToken cancellationToken, bool report = true)
    {
        await using var server = await BenchOpenAiServer.StartAsync(Latency, BenchModel.Answer);
        var folder = Path.Combine(Path.GetTempPath(), $"autoif-bench-pipeline-{Guid.NewGuid():N}");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = folder,
            ["Llm:Mode"] = "Endpoint",
            ["Llm:Supervision:BaseUrl"] = server.BaseUrl.ToString(),
            ["Llm:Supervision:Model"] = "bench-model",
            ["Llm:Supervision:ApiKey"] = "bench-key-not-secret",
            ["Llm:Supervision:MaxConcurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            // Identical concurrent requests race to store the same call record; the gateway logs and carries on, so keep EF quiet here.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        }.Concat(hostSettings.Select(h => new KeyValuePair<string, string?>(h.Key, h.Value))));
        builder.AddAutoIfCore();
        using var host = builder.Build();
        try
        {
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
            (string, string)[] overrides = [.. RunSize(quick), .. variant];
            var settings = RunSettingsEditor.Apply(new RunSettings(), overrides.Append(("CrossValidation:MinFunctions", "1")).Select(o => new KeyValuePair<string, string>(o.Item1, o.Item2)));
            var runs = host.Services.GetRequiredService<RunService>();
            var run = await runs.CreateAsync("bench", settings, cancellationToken);
            if (!report)
            {
                await runs.MarkQueuedAsync(run.Id, cancellationToken);
                await host.Services.GetRequiredService<RunOrchestrator>().ExecuteAsync(run.Id, null, cancellationToken);
                return;
            }
            Console.WriteLine($"  settings: {string.Join(", ", overrides.Select(o => $"{o.Item1}={o.Item2}"))}, CrossValidation:MinFunctions=1 (the model repeats one function)");
            Console.WriteLine($"  estimate before start: {(await host.Services.GetRequiredService<Core.Pipeline.Estimates.RunEstimator>().EstimateAsync(settings, cancellationToken)).Summary()}");
            await runs.MarkQueuedAsync(run.Id, cancellationToken);

            using var self = Process.GetCurrentProcess();
            var (selfBefore, sandboxBefore) = (self.TotalProcessorTime, ProcessCpu.DescendantsSeconds(Environment.ProcessId));
            var watch = Stopwatch.StartNew();
            var status = await host.Services.GetRequiredService<RunOrchestrator>().ExecuteAsync(run.Id, null, cancellationToken);
            watch.Stop();
            self.Refresh();
            await ReportAsync(host.Services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>(), run.Id, status, watch.Elapsed, server.MaxInFlight, cancellationToken);
            // Where the two cores went: streaming moves work beside the model calls, and here the model server shares them.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  CPU: app with the model server {(self.TotalProcessorTime - selfBefore).TotalSeconds:F1} s, sandbox {ProcessCpu.DescendantsSeconds(Environment.ProcessId) - sandboxBefore:F1} s"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task ReportAsync(IDbContextFactory<AutoIfDbContext> contexts, int runId, RunStatus status, TimeSpan total, int maxInFlight, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stages = await db.StageProgress.AsNoTracking().Where(p => p.RunId == runId).OrderBy(p => p.Stage).ToListAsync(cancellationToken);
        var calls = (await db.LlmCalls.AsNoTracking().Where(c => c.RunId == runId).Select(c => new { c.Stage, c.LatencyMs }).ToListAsync(cancellationToken))
            .GroupBy(c => c.Stage).ToDictionary(g => g.Key ?? PipelineStage.Export, g => (Count: g.Count(), LatencyMs: g.Sum(c => (long)c.LatencyMs)));
        var instructions = await db.Instructions.CountAsync(i => i.RunId == runId, cancellationToken);
        Console.WriteLine($"  run {status.ToString().ToLowerInvariant()}: {instructions} instructions, {await db.Responses.CountAsync(r => r.RunId == runId, cancellationToken)} responses, " +
                          $"{await db.Verdicts.CountAsync(cancellationToken)} verdicts, {await db.DpoPairs.CountAsync(cancellationToken)} pairs; max in flight at the server: {maxInFlight}");
        // From and to: seconds since the first stage started, so stages that stream beside each other show their overlap.
        var runStart = stages.Min(s => s.StartedAt) ?? DateTimeOffset.UtcNow;
        Console.WriteLine($"  {"stage",-14} {"seconds",8} {"from",7} {"to",7} {"items",8} {"LLM calls",10} {"slots busy",11}");
        foreach (var stage in stages)
        {
            var (from, to) = (stage.StartedAt ?? DateTimeOffset.UtcNow, stage.FinishedAt ?? DateTimeOffset.UtcNow);
            var seconds = (to - from).TotalSeconds;
            var (count, latency) = calls.GetValueOrDefault(stage.Stage);
            var busy = count == 0 || seconds <= 0 ? "" : (latency / 1000.0 / (Concurrency * seconds)).ToString("P0", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {stage.Stage,-14} {seconds,8:F2} {(from - runStart).TotalSeconds,7:F2} {(to - runStart).TotalSeconds,7:F2} {stage.Total,8} {count,10} {busy,11}"));
        }
        // The streamed part of the run (decision 050) from Sample's start to Judge's end, apart from the stages before it.
        if (stages.FirstOrDefault(s => s.Stage == PipelineStage.Sample)?.StartedAt is { } sampleStart
            && stages.FirstOrDefault(s => s.Stage == PipelineStage.Judge)?.FinishedAt is { } judgeEnd)
        {
            var tailCalls = calls.Where(c => c.Key is PipelineStage.Sample or PipelineStage.Verify or PipelineStage.Judge).ToList();
            var tailSeconds = (judgeEnd - sampleStart).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  Sample's start to Judge's end: {tailSeconds:F2} s, {tailCalls.Sum(c => c.Value.Count)} LLM calls, slots busy {tailCalls.Sum(c => c.Value.LatencyMs) / 1000.0 / (Concurrency * tailSeconds):P0}"));
        }
        var allLatency = calls.Values.Sum(c => c.LatencyMs) / 1000.0;
        var allCalls = calls.Values.Sum(c => c.Count);
        // What the features cost: model calls per response kept in the end, and the sandbox's rate while verifying.
        var kept = await db.Responses.CountAsync(r => r.RunId == runId && r.Status == ItemStatus.Kept, cancellationToken);
        var verdicts = await db.Verdicts.CountAsync(v => db.Responses.Any(r => r.Id == v.ResponseId && r.RunId == runId), cancellationToken);
        var verify = stages.FirstOrDefault(s => s.Stage == PipelineStage.Verify);
        var verifySeconds = verify is { StartedAt: { } started, FinishedAt: { } finished } ? (finished - started).TotalSeconds : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  model calls per kept response: {(kept == 0 ? "–" : ((double)allCalls / kept).ToString("F2", CultureInfo.InvariantCulture))} ({allCalls} calls, {kept} kept); sandbox calls/s in Verify: {(verifySeconds <= 0 ? "–" : (verdicts / verifySeconds).ToString("F0", CultureInfo.InvariantCulture))} ({verdicts} verdicts)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  total: {total.TotalSeconds:F2} s, {allCalls} LLM calls; slots busy {allLatency / (Concurrency * total.TotalSeconds):P0} (ideal wall time for the calls alone at {Concurrency} slots: {allCalls * Latency.TotalSeconds / Concurrency:F1} s)"));
    }
}
