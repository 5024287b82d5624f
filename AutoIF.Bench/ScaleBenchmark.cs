using System.Diagnostics;
using System.Globalization;
using AutoIF.Core;
using AutoIF.Core.Domain;
using AutoIF.Core.Pipeline;
using AutoIF.Core.Storage;
using AutoIF.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AutoIF.Bench;

/// <summary>
/// The pipeline benchmark's baseline run on PostgreSQL 15 (started by the benchmark in a temp folder), worked on by 1, 2
/// and 3 <c>AutoIF.Web worker</c> processes of the built app, against 1 and 2 loopback model servers at the pipeline's
/// latency, each with the pipeline's 16 slots held across the processes (<c>Llm:SharedSlots</c>, decision 038), and with
/// Verify split into chunk jobs any worker takes (<c>Jobs:ChunkResponses</c>, decision 039). Each configuration gets its own
/// database (no model call is served from another's cache). Prints wall time, model calls/s, slots busy, sandbox calls/s
/// in Verify and per core, and the load average; fails when any configuration's run keeps other counts than the first's.
/// </summary>
internal sealed class ScaleBenchmark : IBenchmark
{
    private const string RunName = "scale";

    public string Name => "scale";

    /// <summary>
    /// Not in <c>all</c> until its quick mode is measured under 90 s on an idle machine: it starts PostgreSQL, and per
    /// configuration the model servers, the workers and a <c>run start</c> process (65 s with the load average at 8-22,
    /// 215 s at 18-24, on 2026-12-02).
    /// </summary>
    public bool InAll => false;

    public string Description => "the pipeline's baseline run on PostgreSQL with 1, 2, 3 worker processes × 1, 2 model servers (100 ms, 16 slots each, shared across processes), Verify as chunk jobs; wall time, model calls/s, slots busy, sandbox calls/s per core";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        (int Workers, int Endpoints)[] configurations = quick
            ? [(1, 1), (3, 2)]
            : [(1, 1), (2, 1), (3, 1), (1, 2), (2, 2), (3, 2)];
        // Several chunks for a few workers to share: the quick run verifies some hundred responses, the full one some thousands.
        var chunkResponses = quick ? 25 : 250;
        var cores = Environment.ProcessorCount;
        var started = Stopwatch.StartNew();
        await using var postgres = await ThrowawayPostgres.StartAsync("the scale benchmark", cancellationToken);
        Console.WriteLine($"  PostgreSQL {postgres.Version} on 127.0.0.1:{postgres.Port}; {cores} cores; Jobs:ChunkResponses={chunkResponses}; each worker has Sandbox:Workers = one per core and --workers = its default");
        Console.WriteLine($"  settings: {string.Join(", ", RunOverrides(quick).Select(o => $"{o.Key}={o.Value}"))}");
        var results = new List<ScaleResult>();
        // A row as each configuration ends, so a long benchmark that fails late still leaves the rows before.
        PrintHeader();
        for (var i = 0; i < configurations.Length; i++)
        {
            var (workers, endpoints) = configurations[i];
            var result = await RunConfigurationAsync(postgres, $"autoif_scale_{i + 1}", workers, endpoints, chunkResponses, quick, cancellationToken);
            results.Add(result);
            PrintRow(result, cores);
        }
        PrintLegend(cores);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  benchmark wall time (PostgreSQL, processes, every configuration): {started.Elapsed.TotalSeconds:F0} s"));
        var differing = results.Where(r => r.Kept != results[0].Kept).ToList();
        if (differing.Count > 0)
        {
            throw new InvalidOperationException(
                $"scale benchmark: the runs kept different counts; {results[0].Workers} worker(s) × {results[0].Endpoints} endpoint(s): {results[0].Kept}; " +
                string.Join("; ", differing.Select(r => $"{r.Workers} worker(s) × {r.Endpoints} endpoint(s): {r.Kept}")));
        }
        Console.WriteLine($"  every configuration kept the same: {results[0].Kept}");
    }

    private static (string Key, string Value)[] RunOverrides(bool quick) =>
        [.. PipelineBenchmark.RunSize(quick), ("CrossValidation:MinFunctions", "1")];

    private static async Task<ScaleResult> RunConfigurationAsync(ThrowawayPostgres postgres, string database, int workerCount, int endpointCount, int chunkResponses, bool quick, CancellationToken cancellationToken)
    {
        var servers = new List<BenchOpenAiServer>();
        var workers = new List<WebAppProcess>();
        var folder = Path.Combine(Path.GetTempPath(), $"autoif-bench-scale-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            for (var i = 0; i < endpointCount; i++)
            {
                servers.Add(await BenchOpenAiServer.StartAsync(PipelineBenchmark.Latency, BenchModel.Answer));
            }
            var settings = Settings(postgres.ConnectionString(database), servers, chunkResponses);
            using var host = BuildHost(folder, settings);
            var contexts = host.Services.GetRequiredService<IDbContextFactory<AutoIfDbContext>>();
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
            var runSettings = RunSettingsEditor.Apply(new RunSettings(), RunOverrides(quick).Select(o => new KeyValuePair<string, string>(o.Key, o.Value)));
            var run = await host.Services.GetRequiredService<RunService>().CreateAsync(RunName, runSettings, cancellationToken);

            // The first worker prepares the job storage's schema; the others start together once it is there.
            workers.Add(await WebAppProcess.StartWorkerAsync(folder, settings, cancellationToken));
            workers.AddRange(await Task.WhenAll(Enumerable.Range(1, workerCount - 1).Select(_ => WebAppProcess.StartWorkerAsync(folder, settings, cancellationToken))));

            var loadBefore = ProcessCpu.LoadAverage();
            var cpuBefore = workers.Sum(w => ProcessCpu.DescendantsSeconds(w.ProcessId));
            var watch = Stopwatch.StartNew();
            await WebAppProcess.RunVerbAsync(folder, settings, ["run", "start", RunName], cancellationToken);
            var status = await WaitForEndAsync(contexts, run.Id, workers, cancellationToken);
            watch.Stop();
            var sandboxCpu = workers.Sum(w => ProcessCpu.DescendantsSeconds(w.ProcessId)) - cpuBefore;
            var loadAfter = ProcessCpu.LoadAverage();
            if (status != RunStatus.Completed)
            {
                throw new InvalidOperationException($"scale benchmark: the run with {workerCount} worker(s) × {endpointCount} endpoint(s) ended {status}:\n" +
                                                    string.Join("\n----\n", workers.Select(w => w.LastLines())));
            }
            return await ReadAsync(contexts, run.Id, workerCount, servers, watch.Elapsed.TotalSeconds, sandboxCpu, loadBefore, loadAfter, cancellationToken);
        }
        finally
        {
            await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask()));
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
            Npgsql.NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What every process of a configuration gets: the database, the model servers as one role's endpoints, chunked Verify.</summary>
    private static Dictionary<string, string> Settings(string connectionString, IReadOnlyList<BenchOpenAiServer> servers, int chunkResponses)
    {
        var slots = PipelineBenchmark.Concurrency.ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:AutoIF"] = connectionString,
            ["Llm:Mode"] = "Endpoint",
            // No policy endpoint: the policy role's calls go to the supervision servers, as in the pipeline benchmark.
            ["Llm:Supervision:Model"] = "bench-model",
            ["Llm:Supervision:ApiKey"] = "bench-key-not-secret",
            ["Llm:Supervision:MaxConcurrency"] = slots,
            ["Llm:SharedSlots"] = "true",
            ["Jobs:ChunkResponses"] = chunkResponses.ToString(CultureInfo.InvariantCulture),
            // Generous: a verdict that timed out only because the shared machine was busy would change what a run keeps.
            ["Sandbox:TimeoutSeconds"] = "10",
            ["Logging:LogLevel:Default"] = "Warning",
            // Identical concurrent requests race to store the same call record; the gateway logs and carries on.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        };
        for (var i = 0; i < servers.Count; i++)
        {
            settings[$"Llm:Supervision:Endpoints:{i}:BaseUrl"] = servers[i].BaseUrl.ToString();
            settings[$"Llm:Supervision:Endpoints:{i}:MaxConcurrency"] = slots;
        }
        return settings;
    }

    /// <summary>The benchmark's own Core services on the configuration's database: it creates the run and reads the results.</summary>
    private static IHost BuildHost(string folder, Dictionary<string, string> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(settings.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value))
            .Append(new KeyValuePair<string, string?>("Storage:DataFolder", folder)));
        builder.AddAutoIfCore();
        return builder.Build();
    }

    private static async Task<RunStatus> WaitForEndAsync(IDbContextFactory<AutoIfDbContext> contexts, int runId, IReadOnlyList<WebAppProcess> workers, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromMinutes(15);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var status = await db.Runs.Where(r => r.Id == runId).Select(r => r.Status).SingleAsync(cancellationToken);
                if (status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled or RunStatus.Paused)
                {
                    return status;
                }
            }
            await Task.Delay(200, cancellationToken);
        }
        throw new TimeoutException($"scale benchmark: the run did not end within {limit.TotalMinutes:F0} minutes:\n{string.Join("\n----\n", workers.Select(w => w.LastLines()))}");
    }

    private static async Task<ScaleResult> ReadAsync(IDbContextFactory<AutoIfDbContext> contexts, int runId, int workerCount, IReadOnlyList<BenchOpenAiServer> servers,
        double fromStartSeconds, double sandboxCpu, string loadBefore, string loadAfter, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        var latencies = await db.LlmCalls.AsNoTracking().Where(c => c.RunId == runId).Select(c => c.LatencyMs).ToListAsync(cancellationToken);
        var verify = await db.StageProgress.AsNoTracking().SingleOrDefaultAsync(p => p.RunId == runId && p.Stage == PipelineStage.Verify, cancellationToken);
        var verdicts = await db.Verdicts.CountAsync(v => db.Responses.Any(r => r.Id == v.ResponseId && r.RunId == runId), cancellationToken);
        var kept = new ScaleKept(
            await db.Instructions.CountAsync(i => i.RunId == runId && i.Status == ItemStatus.Kept, cancellationToken),
            await db.Responses.CountAsync(r => r.RunId == runId && r.Status == ItemStatus.Kept, cancellationToken),
            verdicts,
            await db.DpoPairs.CountAsync(p => p.RunId == runId && p.Status == ItemStatus.Kept, cancellationToken));
        return new ScaleResult(
            workerCount,
            servers.Count,
            WallSeconds: ((run.FinishedAt ?? DateTimeOffset.UtcNow) - (run.StartedAt ?? DateTimeOffset.UtcNow)).TotalSeconds,
            FromStartSeconds: fromStartSeconds,
            ModelCalls: latencies.Count,
            ModelLatencySeconds: latencies.Sum(l => (long)l) / 1000.0,
            SlotsPerEndpoint: PipelineBenchmark.Concurrency,
            MaxInFlightPerEndpoint: servers.Max(s => s.MaxInFlight),
            SandboxCalls: verdicts,
            VerifySeconds: verify is { StartedAt: { } started, FinishedAt: { } finished } ? (finished - started).TotalSeconds : 0,
            VerifyChunks: await db.StageChunks.CountAsync(c => c.RunId == runId && c.Stage == PipelineStage.Verify, cancellationToken),
            ChunkWorkers: await ChunkWorkersAsync(db, cancellationToken),
            SandboxCpuSeconds: sandboxCpu,
            loadBefore,
            loadAfter,
            kept);
    }

    /// <summary>
    /// How many job servers (worker processes) processed the run's Verify chunk jobs, from Hangfire's Processing states
    /// (their data names the server): whether the extra workers had a share of the work.
    /// </summary>
    private static async Task<int> ChunkWorkersAsync(AutoIfDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(DISTINCT (s.data::jsonb)->>'ServerId') FROM hangfire.state s JOIN hangfire.job j ON j.id = s.jobid
            WHERE s.name = 'Processing' AND j.invocationdata::text LIKE '%VerifyChunkJob%'
            """;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static void PrintHeader() =>
        Console.WriteLine($"  {"workers",7} {"endpoints",9} {"wall s",7} {"+start s",8} {"model calls",11} {"calls/s",8} {"slots busy",10} {"max in flight",13} {"sandbox calls",13} {"Verify s",8} {"chunks",6} {"by",3} {"calls/s",8} {"per core",8} {"sandbox CPU s",13} {"load before → after",22}  kept");

    private static void PrintRow(ScaleResult r, int cores) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {r.Workers,7} {r.Endpoints,9} {r.WallSeconds,7:F1} {r.FromStartSeconds - r.WallSeconds,8:F1} {r.ModelCalls,11} {r.ModelCallsPerSecond,8:F1} {r.SlotsBusy,10:P0} {r.MaxInFlightPerEndpoint,13} {r.SandboxCalls,13} {r.VerifySeconds,8:F2} {r.VerifyChunks,6} {r.ChunkWorkers,3} {r.SandboxCallsPerSecond,8:F0} {r.SandboxCallsPerSecond / cores,8:F0} {r.SandboxCpuSeconds,13:F1} {r.LoadBefore + " → " + r.LoadAfter,22}  {r.Kept}"));

    private static void PrintLegend(int cores)
    {
        Console.WriteLine($"  wall s: the run's start to its end as stored; +start s: the `run start` command and the job's pickup on top. Slots busy: sum of call latencies / (16 × endpoints × wall); " +
                          $"max in flight: the most any one server saw at once (its limit is 16 across every process). Chunks: Verify's chunk jobs, by: how many worker processes took them. Sandbox calls/s: Verify's verdicts / Verify's stored duration (its chunks' dispatch included). " +
                          $"Per core: of the machine's {cores}: each worker's sandbox pool already has one process per core, so on this {cores}-core machine sandbox work cannot scale past {cores} cores whatever the workers; " +
                          "more workers only add processes competing for them. Sandbox CPU s: CPU of the workers' sandbox processes during the run (cross-validation included).");
    }
}
