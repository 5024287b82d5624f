using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AutoIF.Core.Domain;
using AutoIF.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AutoIF.Bench;

/// <summary>
/// <c>verify</c> end to end from the CLI on an imported autoif-query-rft file of 60 functions (10 instructions × 6) and
/// 20,000 responses (2,000 per instruction) = 120,000 calls, start-up, import and storing every verdict included,
/// against the published scripts' way on the same file: one unsandboxed Python process that execs each function and
/// calls it sequentially under SIGALRM. Target: baseline time / our time ≥ 1.0.
/// </summary>
internal sealed class VerifyBenchmark : IBenchmark
{
    private const string PythonPath = "/usr/bin/python3";
    private const int FunctionsPerInstruction = 6;

    // 7_query_vertification.py in outline: per line, exec every function, run it on every response with an alarm,
    // keep responses with accuracy > 0.5, write the kept lines. One namespace per function (see SandboxBenchmark).
    private const string BaselineScript = """
        import json, signal, sys
        def timeout_handler(signum, frame):
            raise TimeoutError("Function execution timed out")
        signal.signal(signal.SIGALRM, timeout_handler)
        calls = 0
        with open(sys.argv[1], encoding="utf-8") as source, open(sys.argv[2], "w", encoding="utf-8") as out:
            for line in source:
                item = json.loads(line)
                funcs = []
                for code, _ in item["eval_func"]:
                    namespace = {}
                    try:
                        exec(code, namespace)
                        funcs.append(namespace["evaluate"])
                    except Exception:
                        pass
                kept = []
                for response in item["gpt-answer"]:
                    acc = []
                    for func in funcs:
                        calls += 1
                        try:
                            signal.alarm(5)
                            res = func(response)
                        except Exception:
                            res = None
                        finally:
                            signal.alarm(0)
                        if res is not None:
                            try:
                                acc.append(int(res))
                            except Exception:
                                pass
                    if acc and sum(acc) / len(acc) > 0.5:
                        kept.append(response)
                item["gpt-answer"] = kept
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(calls)
        """;

    public string Name => "verify";

    public string Description => "CLI import + verify of 60 functions × 20,000 responses (120,000 calls) vs one unsandboxed exec loop";

    public async Task RunAsync(bool quick, CancellationToken cancellationToken)
    {
        var instructions = quick ? 2 : 10;
        var perInstruction = quick ? 100 : 2000;
        var folder = Path.Combine(Path.GetTempPath(), $"autoif-bench-verify-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "query_rft.jsonl");
            var (lines, calls) = await WriteFileAsync(file, instructions, perInstruction, cancellationToken);
            Console.WriteLine($"  file: {lines} lines, {instructions * FunctionsPerInstruction} functions, {instructions * perInstruction:N0} responses, {calls:N0} calls, {new FileInfo(file).Length / 1e6:F1} MB");

            var webDll = quick ? BuiltWebApp.Dll() : await PublishAsync(Path.Combine(folder, "app"), cancellationToken);
            if (!File.Exists(webDll))
            {
                Console.WriteLine($"  {webDll} is missing: build AutoIF.Web in the same configuration first");
                return;
            }
            var data = Path.Combine(folder, "data");
            var import = await TimeAsync("dotnet", [webDll, "import", "--format", "autoif-query-rft", file, "--run", "bench", $"--Storage:DataFolder={data}"], cancellationToken);
            var verify = await TimeAsync("dotnet", [webDll, "verify", "--run", "bench", $"--Storage:DataFolder={data}"], cancellationToken);
            var (verdicts, verifySeconds, dbBytes, verifyMessage) = await InspectAsync(data, cancellationToken);
            var ours = import.Seconds + verify.Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ours:     import {import.Seconds,7:F2} s + verify {verify.Seconds,7:F2} s = {ours,7:F2} s  ({verdicts:N0} verdicts stored, database {dbBytes / 1e6:F1} MB)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"            inside verify: Verify stage {verifySeconds:F2} s ({calls / Math.Max(verifySeconds, 1e-9):N0} calls/s incl. storing), the rest {verify.Seconds - verifySeconds:F2} s (start-up, migrations check, other stages, funnel)"));
            Console.WriteLine($"            Verify stage says: {verifyMessage}");
            if (import.ExitCode != 0 || verify.ExitCode != 0)
            {
                Console.WriteLine($"  a CLI verb failed:\n{import.Output}\n{verify.Output}");
                return;
            }

            var script = Path.Combine(folder, "baseline.py");
            await File.WriteAllTextAsync(script, BaselineScript, cancellationToken);
            var baseline = await TimeAsync(PythonPath, [script, file, Path.Combine(folder, "baseline-out.jsonl")], cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline: one python3 process, exec + sequential calls: {baseline.Seconds,7:F2} s ({baseline.Output.Trim()} calls)"));
            // The issue times `verify` on an already imported file; import + verify is printed too.
            var ratio = baseline.Seconds / verify.Seconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  ratio baseline/verify: {ratio:F2}{(quick ? " (quick run, not a measurement)" : ratio >= 1.0 ? " (target ≥ 1.0 met)" : " (below the 1.0 target)")}; baseline/(import + verify): {baseline.Seconds / ours:F2}"));
            await HostileAsync(folder, webDll, quick, cancellationToken);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// One verifier that never returns among 60, over 2,000 responses (200 of its calls), against the same file without
    /// it: the Verify:SkipAfterTimeouts probe must keep the difference to about K + 1 timeouts (decision 036).
    /// </summary>
    private static async Task HostileAsync(string folder, string webDll, bool quick, CancellationToken cancellationToken)
    {
        const int Instructions = 10;
        const int SkipAfter = 3;
        var perInstruction = quick ? 20 : 200;
        // The quick run shortens the timeout so the smoke test stays short; the measurement uses the default 5 s.
        var timeout = quick ? 1.0 : 5.0;
        var seconds = new List<double>();
        foreach (var hostile in new[] { false, true })
        {
            var name = hostile ? "hostile" : "clean";
            var file = Path.Combine(folder, $"{name}.jsonl");
            await WriteFileAsync(file, Instructions, perInstruction, cancellationToken, hostile ? f => ["def evaluate(response):\n    while True:\n        pass\n", .. f.Skip(1)] : null);
            var data = Path.Combine(folder, $"data-{name}");
            string[] settings = [$"--Storage:DataFolder={data}", string.Create(CultureInfo.InvariantCulture, $"--Sandbox:TimeoutSeconds={timeout}")];
            var import = await TimeAsync("dotnet", [webDll, "import", "--format", "autoif-query-rft", file, "--run", name, .. settings], cancellationToken);
            var verify = await TimeAsync("dotnet", [webDll, "verify", "--run", name, .. settings], cancellationToken);
            if (import.ExitCode != 0 || verify.ExitCode != 0)
            {
                Console.WriteLine($"  a CLI verb failed:\n{import.Output}\n{verify.Output}");
                return;
            }
            seconds.Add(verify.Seconds);
        }
        var extra = seconds[1] - seconds[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  one looping verifier among 60 over {Instructions * perInstruction:N0} responses ({perInstruction} of its calls), timeout {timeout:0.#} s: verify {seconds[0]:F2} s clean, {seconds[1]:F2} s with it"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"            extra {extra:F2} s = {extra / timeout:F1} timeouts (target ≤ K + 1 = {SkipAfter + 1}{(quick ? "; quick run, not a measurement" : extra <= (SkipAfter + 1) * timeout ? ", met" : ", not met")})"));
    }

    private static async Task<(int Lines, long Calls)> WriteFileAsync(
        string path, int instructions, int perInstruction, CancellationToken cancellationToken, Func<List<string>, List<string>>? change = null)
    {
        var functions = Functions(instructions * FunctionsPerInstruction);
        functions = change?.Invoke(functions) ?? functions;
        var responses = VerifierWorkload.Responses(instructions * perInstruction);
        const int responsesPerPrompt = 100;
        var lines = 0;
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < instructions; i++)
        {
            var instruction = $"Follow the format rules of set {i + 1}.";
            var evalFunc = functions.Skip(i * FunctionsPerInstruction).Take(FunctionsPerInstruction).Select(f => new object[] { f, 1.0 }).ToArray();
            for (var start = 0; start < perInstruction; start += responsesPerPrompt)
            {
                var line = JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["prompt"] = $"Benchmark query {i + 1}.{start / responsesPerPrompt + 1}: write about the topic. {instruction}",
                    ["instruction"] = instruction,
                    ["eval_func"] = evalFunc,
                    ["cases"] = new[] { new object[] { "A short sample answer.", true } },
                    ["gpt-answer"] = responses.Skip(i * perInstruction + start).Take(Math.Min(responsesPerPrompt, perInstruction - start)).ToArray(),
                });
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
                lines++;
            }
        }
        return (lines, (long)instructions * perInstruction * FunctionsPerInstruction);
    }

    // The workload's realistic functions, then variations of the simplest ones until there are enough.
    private static List<string> Functions(int count)
    {
        var functions = VerifierWorkload.Functions();
        for (var n = 0; functions.Count < count; n++)
        {
            functions.Add(n % 2 == 0
                ? $"def evaluate(response):\n    return len(response) <= {500 + (n * 97)}\n"
                : $"def evaluate(response):\n    lines = response.split('\\n')\n    return len(lines) <= {2 + n}\n");
        }
        return functions.Take(count).ToList();
    }

    private static async Task<(long Verdicts, double VerifySeconds, long DbBytes, string? Message)> InspectAsync(string data, CancellationToken cancellationToken)
    {
        var path = Path.Combine(data, "autoif.db");
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Verdicts";
        var verdicts = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        var options = new DbContextOptionsBuilder<SqliteAutoIfDbContext>().UseSqlite($"Data Source={path};Mode=ReadOnly;Pooling=False").Options;
        await using var db = new SqliteAutoIfDbContext(options);
        var stage = await db.StageProgress.AsNoTracking().SingleOrDefaultAsync(p => p.Stage == PipelineStage.Verify, cancellationToken);
        var seconds = stage is { StartedAt: { } started, FinishedAt: { } finished } ? (finished - started).TotalSeconds : 0;
        var bytes = Directory.GetFiles(data, "autoif.db*").Sum(f => new FileInfo(f).Length);
        return (verdicts, seconds, bytes, stage?.Message);
    }

    private static async Task<(double Seconds, int ExitCode, string Output)> TimeAsync(string program, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        watch.Stop();
        return (watch.Elapsed.TotalSeconds, process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The app as ./start.sh deploys it (ReadyToRun), so start-up is measured as a user meets it.</summary>
    private static async Task<string> PublishAsync(string output, CancellationToken cancellationToken)
    {
        var project = Path.Combine(BuiltWebApp.SolutionFolder(), "AutoIF.Web", "AutoIF.Web.csproj");
        var publish = await TimeAsync("dotnet",
            ["publish", project, "-c", "Release", "-o", output, "--use-current-runtime", "--self-contained", "false", "-p:PublishReadyToRun=true", "--nologo", "-v", "quiet"],
            cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  app published with ReadyToRun as ./start.sh does ({publish.Seconds:F0} s, not timed below)"));
        if (publish.ExitCode != 0)
        {
            Console.WriteLine(publish.Output);
        }
        return Path.Combine(output, "AutoIF.Web.dll");
    }
}
