using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AutoIF.Core.Rewards;
using Microsoft.Data.Sqlite;

namespace AutoIF.Bench;

/// <summary>
/// The reward service as a trainer meets it: the built web app in its own process on loopback (Kestrel, Production
/// logging, its own sandbox pool under bubblewrap) on a finished run of 128 instructions × 3 kept verifiers, 512 prompts of
/// one to three constraints, 8 rollouts each. (1) 4,096 rollouts through <c>POST /api/reward/score</c> in requests of
/// Reward:MaxItems against one unsandboxed Python process that execs each verifier and calls them in a loop, as the
/// published scripts do: ratio of times, target ≥ 0.5. (2) 4,000 single-sample <c>POST /api/reward/openrlhf</c> requests
/// from 64 concurrent clients (target ≥ 1,000 requests/s, p99 ≤ 150 ms) and from 4 (p99 ≤ 20 ms), the load generator on
/// the same two cores. Every request must succeed and every reward must equal the batch's; otherwise the process fails.
/// </summary>
internal sealed class RewardBenchmark : IBenchmark
{
    private const string PythonPath = "/usr/bin/python3";
    private const string Token = "reward-bench-token";
    private const int Instructions = 128;
    private const int VerifiersPerInstruction = 3;
    private const int SamplesPerPrompt = 8;
    private const double BatchRatioTarget = 0.5;
    private const double ThroughputTarget = 1000;
    private const double ManyClientsP99Target = 150;
    private const double FewClientsP99Target = 20;

    // The published loop (7_query_vertification.py) over the rollouts' own calls: exec each function once into its own
    // namespace (see SandboxBenchmark), then per rollout, constraint and verifier arm SIGALRM, call and disarm.
    private const string BaselineScript = """
        import json, signal, sys, time
        data = json.load(sys.stdin)
        def timeout_handler(signum, frame):
            raise TimeoutError("Function execution timed out")
        signal.signal(signal.SIGALRM, timeout_handler)
        start = time.perf_counter()
        funcs = []
        for code in data["sources"]:
            namespace = {}
            exec(code, namespace)
            funcs.append(namespace["evaluate"])
        inputs = data["inputs"]
        calls = 0
        passed = 0
        for index, constraints in enumerate(data["rollouts"]):
            response = inputs[index]
            for verifiers in constraints:
                for s in verifiers:
                    calls += 1
                    try:
                        signal.alarm(5)
                        res = funcs[s](response)
                    except Exception:
                        res = None
                    finally:
                        signal.alarm(0)
                    if res is True:
                        passed += 1
        print(json.dumps({"calls": calls, "seconds": time.perf_counter() - start, "passed": passed}))
        """;

    // What the sandbox pays for a verifier it has no parked process for (decision 030), apart from the calls: a fork and exit of a Python process like its
    // workers (started as they are, with the modules they preload; worker.py is loaded as a module, so main() does not run).
    private const string ForkScript = """
        import gc, importlib.util, os, sys, time
        spec = importlib.util.spec_from_file_location("worker", sys.argv[1])
        worker = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(worker)
        for name in worker.PRELOAD:
            __import__(name)
        gc.collect()
        gc.freeze()
        n = 200
        start = time.process_time()
        for _ in range(n):
            pid = os.fork()
            if pid == 0:
                os._exit(0)
            os.waitpid(pid, 0)
        children = os.times()
        print((time.process_time() - start + children.children_user + children.children_system) / n * 1000)
        """;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public string Name => "reward";

    public string Description => "reward service over HTTP: 4,096 rollouts via /score vs an exec loop; 4,000 single-sample /openrlhf calls at 64 and 4 clients";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var prompts = quick ? 32 : 512;
        var singleRequests = quick ? 256 : 4000;
        var rounds = quick ? 1 : 5;
        var folder = Path.Combine(Path.GetTempPath(), $"autoif-bench-reward-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var failures = new List<string>();
        try
        {
            var data = Path.Combine(folder, "data");
            var run = await RewardBenchRun.SeedAsync(data, Instructions, VerifiersPerInstruction, prompts, SamplesPerPrompt, cancellationToken);
            Console.WriteLine($"  run: {Instructions} instructions × {VerifiersPerInstruction} kept verifiers, {prompts} prompts of 1-3 constraints × {SamplesPerPrompt} rollouts = " +
                              $"{run.Rollouts.Count:N0} rollouts, {run.Calls:N0} verifier calls, responses {run.Rollouts.Min(r => r.Response.Length)}-{run.Rollouts.Max(r => r.Response.Length)} chars");
            await using var app = await WebAppProcess.StartAsync(data, new Dictionary<string, string> { ["Reward:ApiKey"] = Token }, cancellationToken);
            using var client = LoadClient();
            Console.WriteLine($"  app: {app.Address} (pid {app.ProcessId}), Reward defaults otherwise; load average before: {ProcessCpu.LoadAverage()}");
            Console.WriteLine($"  machine: a fork and exit of a Python process like a sandbox worker costs {await ForkMillisecondsAsync(cancellationToken):F2} ms of CPU (the sandbox pays one per verifier until its process is parked; a call costs some 0.01 ms)");

            var expected = await BatchAsync(app, client, run, rounds, failures, cancellationToken);
            var bodies = run.Rollouts.Select(OpenRlhfBody).ToArray();
            var url = new Uri(app.Address, $"/api/reward/openrlhf?token={Token}");
            // Warm-up: connections opened, every verifier's process parked, and the app's and the load generator's code paths
            // compiled to their final tier. The runtime's tiered JIT re-compiles hot code in the background for several
            // thousand requests (measured: half the app's CPU during the first 4,000), a cost a trainer's hours-long job pays
            // once; it is printed, so the steady state the targets are about is what the runs after it measure.
            var warmUp = await SingleAsync(app, client, url, bodies, expected, quick ? 128 : 8000, 64, failures, cancellationToken);
            Report("warm-up    ", warmUp, quick: true);
            var many = await SingleAsync(app, client, url, bodies, expected, singleRequests, 64, failures, cancellationToken);
            Report("(2) 64 clients", many, quick,
                ($"≥ {ThroughputTarget:N0} requests/s", many.RequestsPerSecond >= ThroughputTarget),
                ($"p99 ≤ {ManyClientsP99Target:N0} ms", many.P99 <= ManyClientsP99Target));
            var few = await SingleAsync(app, client, url, bodies, expected, quick ? 64 : singleRequests, 4, failures, cancellationToken);
            Report("(2) 4 clients ", few, quick, ($"p99 ≤ {FewClientsP99Target:N0} ms", few.P99 <= FewClientsP99Target));
            Console.WriteLine($"  load average after: {ProcessCpu.LoadAverage()}");
            var problems = app.Problems;
            Console.WriteLine(problems.Count == 0 ? "  app log: no warning or error" : $"  app log: {problems.Count} warnings or errors, the first: {string.Join(" | ", problems.Take(3))}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"reward benchmark: {failures.Count} failures, the first: {failures[0]}");
        }
    }

    /// <summary>(1): the batch through <c>/score</c>, best of <paramref name="rounds"/> after a warm-up; returns each rollout's binary reward.</summary>
    private static async Task<double[]> BatchAsync(WebAppProcess app, HttpClient client, RewardBenchRun run, int rounds, List<string> failures, CancellationToken cancellationToken)
    {
        var chunk = new RewardOptions().MaxItems;
        var bodies = run.Rollouts.Chunk(chunk).Select(items => JsonSerializer.SerializeToUtf8Bytes(new
        {
            items = items.Select(r => new { label = r.Label, response = r.Response }),
            mode = "binary",
        })).ToArray();
        var url = new Uri(app.Address, "/api/reward/score");
        var rewards = new double[run.Rollouts.Count];
        long passed = 0;
        // Untimed passes first: every verifier's process parked, the /score path compiled to its final tier (see the warm-up below).
        for (var pass = 0; pass < rounds; pass++)
        {
            await ScoreAllAsync(client, url, bodies, chunk, rewards, failures, cancellationToken);
        }
        var best = double.MaxValue;
        var cpu = default(CpuUse);
        for (var round = 0; round < rounds; round++)
        {
            var before = CpuUse.Now(app);
            var watch = Stopwatch.StartNew();
            passed = await ScoreAllAsync(client, url, bodies, chunk, rewards, failures, cancellationToken);
            var seconds = watch.Elapsed.TotalSeconds;
            if (seconds < best)
            {
                best = seconds;
                cpu = CpuUse.Now(app) - before;
            }
        }
        var baseline = await BaselineAsync(run, rounds, cancellationToken);
        var ratio = baseline.Seconds / best;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  (1) /score: {run.Rollouts.Count:N0} rollouts ({run.Calls:N0} calls) in {bodies.Length} concurrent requests of ≤ {chunk:N0}: {best:F3} s, best of {rounds} ({run.Rollouts.Count / best:N0} rollouts/s, {run.Calls / best:N0} calls/s; {passed:N0} True)"));
        Console.WriteLine($"      cpu: {cpu.Describe(run.Calls, "call")}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"      baseline, one python3 exec loop: {baseline.Seconds:F3} s ({baseline.Calls:N0} calls, {baseline.Calls / baseline.Seconds:N0} calls/s; {baseline.Passed:N0} True)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"      ratio baseline/service {ratio:F2}   target ≥ {BatchRatioTarget:F1}: {Verdict(ratio >= BatchRatioTarget, rounds == 1)}"));
        if (baseline.Passed != passed)
        {
            failures.Add($"/score found {passed} True verdicts, the baseline {baseline.Passed}");
        }
        return rewards;
    }

    private static async Task<long> ScoreAllAsync(HttpClient client, Uri url, byte[][] bodies, int chunk, double[] rewards, List<string> failures, CancellationToken cancellationToken)
    {
        var passed = await Task.WhenAll(bodies.Select(async (body, index) =>
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var response = await client.SendAsync(request, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                lock (failures)
                {
                    failures.Add($"/score: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
                }
                return 0L;
            }
            using var document = JsonDocument.Parse(bytes);
            long trues = 0;
            var i = index * chunk;
            foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
            {
                rewards[i++] = result.GetProperty("reward").GetDouble();
                foreach (var constraint in result.GetProperty("constraints").EnumerateArray())
                {
                    foreach (var verdict in constraint.GetProperty("verdicts").EnumerateArray())
                    {
                        trues += verdict.GetProperty("verdict").ValueEquals("true") ? 1 : 0;
                    }
                }
            }
            return trues;
        }));
        return passed.Sum();
    }

    private static async Task<(long Calls, double Seconds, long Passed)> BaselineAsync(RewardBenchRun run, int rounds, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(new
        {
            sources = run.Sources,
            inputs = run.Rollouts.Select(r => r.Response),
            rollouts = run.Rollouts.Select(r => r.Constraints),
        });
        var script = Path.Combine(Path.GetTempPath(), $"autoif-bench-reward-baseline-{Environment.ProcessId}.py");
        await File.WriteAllTextAsync(script, BaselineScript, cancellationToken);
        try
        {
            (long Calls, double Seconds, long Passed) best = (0, double.MaxValue, 0);
            for (var round = 0; round < rounds; round++)
            {
                var info = new ProcessStartInfo(PythonPath) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false, StandardInputEncoding = new UTF8Encoding(false) };
                info.ArgumentList.Add(script);
                using var process = Process.Start(info)!;
                await process.StandardInput.WriteAsync(payload.AsMemory(), cancellationToken);
                process.StandardInput.Close();
                var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                using var document = JsonDocument.Parse(output);
                var root = document.RootElement;
                var seconds = root.GetProperty("seconds").GetDouble();
                if (seconds < best.Seconds)
                {
                    best = (root.GetProperty("calls").GetInt64(), seconds, root.GetProperty("passed").GetInt64());
                }
            }
            return best;
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<double> ForkMillisecondsAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(PythonPath) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-I", "-S", "-B", "-c", ForkScript, Path.Combine(BuiltWebApp.SolutionFolder(), "AutoIF.Core", "Sandbox", "worker.py") })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>OpenRLHF's remote reward call for one sample: the decoded prompt + response + end-of-turn token as <c>query</c>.</summary>
    private static byte[] OpenRlhfBody(RewardBenchRollout rollout) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        query = new[] { rollout.Prompt + rollout.Response + "<|im_end|>" },
        prompts = new[] { rollout.Prompt },
        labels = new[] { rollout.Label },
    });

    /// <summary>(2): <paramref name="requests"/> single-sample calls, <paramref name="clients"/> at a time, each client sending its next as soon as one returns.</summary>
    private static async Task<SingleResult> SingleAsync(WebAppProcess app, HttpClient client, Uri url, byte[][] bodies, double[] expected, int requests, int clients,
        List<string> failures, CancellationToken cancellationToken)
    {
        var latencies = new long[requests];
        var next = -1;
        var errors = 0;
        var before = CpuUse.Now(app);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var rollout = i % bodies.Length;
                var started = Stopwatch.GetTimestamp();
                string? problem;
                try
                {
                    using var content = new ByteArrayContent(bodies[rollout]);
                    content.Headers.ContentType = Json;
                    using var response = await client.PostAsync(url, content, cancellationToken);
                    var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                    latencies[i] = Stopwatch.GetTimestamp() - started;
                    problem = !response.IsSuccessStatusCode ? $"/openrlhf: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}"
                        : Reward(bytes) is var reward && reward != expected[rollout] ? $"/openrlhf: rollout {rollout} got reward {reward}, /score gave {expected[rollout]}"
                        : null;
                }
                catch (HttpRequestException ex)
                {
                    latencies[i] = Stopwatch.GetTimestamp() - started;
                    problem = $"/openrlhf: {ex.Message}";
                }
                if (problem is not null)
                {
                    Interlocked.Increment(ref errors);
                    lock (failures)
                    {
                        failures.Add(problem);
                    }
                }
            }
        }, cancellationToken)));
        var seconds = watch.Elapsed.TotalSeconds;
        var cpu = CpuUse.Now(app) - before;
        var milliseconds = latencies.Select(t => t * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        return new SingleResult(requests, clients, requests / seconds, Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.99), milliseconds[^1], errors, cpu);
    }

    private static double Reward(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("rewards")[0].GetDouble();
    }

    private static double Percentile(double[] sorted, double quantile) => sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static void Report(string title, SingleResult result, bool quick, params (string Target, bool Met)[] targets)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {title}: {result.Requests:N0} requests, {result.RequestsPerSecond,6:N0} requests/s, p50 {result.P50,6:F1} ms, p99 {result.P99,6:F1} ms, max {result.Max,6:F1} ms, {result.Errors} errors"));
        Console.WriteLine($"      cpu: {result.Cpu.Describe(result.Requests, "request")}");
        Console.WriteLine(targets.Length == 0
            ? $"      no error: {Verdict(result.Errors == 0, false)}"
            : $"      targets: {string.Join("; ", targets.Select(t => $"{t.Target}: {Verdict(t.Met, quick)}"))}; no error: {Verdict(result.Errors == 0, false)}");
    }

    private static string Verdict(bool met, bool quick) => quick ? "(quick run, not a measurement)" : met ? "met" : "NOT met";

    /// <summary>
    /// One client for every load: a connection per concurrent client kept open (a trainer's HTTP client pools them too),
    /// no proxy lookup, no decompression.
    /// </summary>
    private static HttpClient LoadClient() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 256,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };

    private sealed record SingleResult(int Requests, int Clients, double RequestsPerSecond, double P50, double P99, double Max, int Errors, CpuUse Cpu);

    /// <summary>CPU seconds of the app, its sandbox workers (forked children included) and this load generator.</summary>
    private readonly record struct CpuUse(double App, double Workers, double Generator)
    {
        public static CpuUse Now(WebAppProcess app)
        {
            using var self = Process.GetCurrentProcess();
            return new CpuUse(app.CpuSeconds, ProcessCpu.DescendantsSeconds(app.ProcessId), self.TotalProcessorTime.TotalSeconds);
        }

        public static CpuUse operator -(CpuUse a, CpuUse b) => new(a.App - b.App, a.Workers - b.Workers, a.Generator - b.Generator);

        public string Describe(int count, string unit) => string.Create(CultureInfo.InvariantCulture,
            $"app {Micro(App / count)} + sandbox workers {Micro(Workers / count)} + load generator {Micro(Generator / count)} per {unit}");

        private static string Micro(double seconds) => $"{seconds * 1e6:F0} µs";
    }
}
