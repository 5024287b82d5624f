using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AutoIF.Core.Domain;
using AutoIF.Core.Sandbox;
using AutoIF.Tests.Infrastructure;

namespace AutoIF.Tests.Sandbox;

/// <summary>
/// Each case runs hostile code on a one-worker pool, then a well-behaved verifier on the same worker, and checks that the
/// host still runs, the verdict kind is right (the same for both calls of the hostile code), the next verdict is right
/// and nothing outside the sandbox changed. Code that never finishes runs on the pool with short timeouts, everything
/// else on the one whose timeouts a busy machine does not reach, so no verdict here depends on the machine's load.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class HostileCodeTests(SingleWorkerFixture fixture)
{
    private const string WellBehaved = "import re, json\ndef evaluate(response):\n    return len(re.findall(r'\\w+', response)) == 2 and isinstance(json.loads('[1]'), list)\n";

    private readonly VerifierSandbox _sandbox = fixture.Sandbox;
    private readonly VerifierSandbox _timingOut = fixture.TimingOut;

    private Task<VerifierResult> RunHostileAsync(string source, string input = "two words") => RunHostileAsync(_sandbox, source, input);

    private Task<VerifierResult> RunNeverEndingAsync(string source) => RunHostileAsync(_timingOut, source, "two words");

    private static async Task<VerifierResult> RunHostileAsync(VerifierSandbox sandbox, string source, string input)
    {
        var results = await sandbox.EvaluateAsync(VerifierBatch.CrossProduct([source, WellBehaved], [input, "two words", "one"]));
        // Same job, same worker: the hostile calls run first, then the well-behaved ones.
        Assert.Equal(VerdictKind.True, results[4].Kind);
        Assert.Equal(VerdictKind.False, results[5].Kind);
        var after = await sandbox.EvaluateAsync(WellBehaved, "still works");
        Assert.Equal(VerdictKind.True, after.Kind);
        Assert.Equal(results[0].Kind, results[1].Kind);
        return results[0];
    }

    [Fact]
    public async Task Infinite_loop_times_out()
    {
        var result = await RunNeverEndingAsync("def evaluate(response):\n    while True:\n        pass\n");

        Assert.Equal(VerdictKind.Timeout, result.Kind);
    }

    [Fact]
    public async Task Catastrophic_regex_that_ignores_signals_is_killed_at_the_hard_deadline()
    {
        var result = await RunNeverEndingAsync("import re\ndef evaluate(response):\n    return re.match(r'(a+)+$', 'a' * 64 + 'b') is None\n");

        Assert.Equal(VerdictKind.Timeout, result.Kind);
    }

    [Fact]
    public async Task Memory_bomb_fails_inside_the_limit()
    {
        var result = await RunHostileAsync("def evaluate(response):\n    blocks = []\n    while True:\n        blocks.append(' ' * 10_000_000)\n");

        Assert.Equal(VerdictKind.Error, result.Kind);
        Assert.StartsWith("MemoryError", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fork_bomb_cannot_start_a_process()
    {
        var result = await RunHostileAsync("import os\ndef evaluate(response):\n    while True:\n        os.fork()\n");

        Assert.Equal(VerdictKind.Error, result.Kind);
        Assert.StartsWith("BlockingIOError", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subprocess_cannot_start_and_leaves_no_file()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"autoif-subprocess-{Guid.NewGuid():N}");
        var result = await RunHostileAsync($"import subprocess\ndef evaluate(response):\n    subprocess.run(['touch', '{marker}'])\n    return True\n");

        Assert.Equal(VerdictKind.Error, result.Kind);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Os_system_cannot_run_a_command()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"autoif-system-{Guid.NewGuid():N}");
        var result = await RunHostileAsync($"import os\ndef evaluate(response):\n    return os.system('touch {marker}') == 0\n");

        // No process can start, so system() reports failure (-1) instead of running the shell.
        Assert.Equal(VerdictKind.False, result.Kind);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Socket_connect_to_a_loopback_server_of_the_host_is_impossible()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await RunHostileAsync(
            $"import socket\ndef evaluate(response):\n    s = socket.create_connection(('127.0.0.1', {port}), timeout=0.5)\n    s.sendall(b'leak')\n    return True\n");

        Assert.Equal(VerdictKind.Error, result.Kind);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task App_database_file_and_etc_shadow_are_not_readable()
    {
        var dataFolder = Directory.CreateTempSubdirectory("autoif-data-");
        try
        {
            var database = Path.Combine(dataFolder.FullName, "autoif.db");
            await File.WriteAllTextAsync(database, "secret rows");
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var probe = $$"""
                import os
                def evaluate(response):
                    found = []
                    for path in ({{Quote(database)}}, '/etc/shadow', '/etc/passwd', {{Quote(home)}}, {{Quote(AppContext.BaseDirectory)}}):
                        try:
                            if os.path.isdir(path):
                                os.listdir(path)
                            else:
                                open(path, 'rb').read(1)
                            found.append(path)
                        except OSError:
                            pass
                    return found == []
                """;

            var result = await RunHostileAsync(probe);

            Assert.Equal(VerdictKind.True, result.Kind);
            Assert.Equal("secret rows", await File.ReadAllTextAsync(database));
        }
        finally
        {
            dataFolder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Files_written_in_the_working_directory_and_tmp_stay_in_the_discarded_scratch()
    {
        var name = $"autoif-written-{Guid.NewGuid():N}";
        var hostTmp = Path.Combine("/tmp", name);
        var source = $$"""
            import os
            def evaluate(response):
                with open('{{name}}', 'w') as f:
                    f.write('x')
                with open('/tmp/{{name}}', 'w') as f:
                    f.write('x')
                return os.path.exists('{{name}}')
            """;
        const string seesLeftovers = "import os\ndef evaluate(response):\n    return os.listdir('.') == [] and os.listdir('/tmp') == []\n";

        var result = await RunHostileAsync(source);
        var next = await _sandbox.EvaluateAsync(seesLeftovers, "");

        Assert.Equal(VerdictKind.True, result.Kind);
        Assert.Equal(VerdictKind.True, next.Kind);
        Assert.False(File.Exists(hostTmp));
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, name)));
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, name)));
    }

    [Fact]
    public async Task Sys_exit_is_an_error()
    {
        var result = await RunHostileAsync("import sys\ndef evaluate(response):\n    sys.exit(0)\n");

        Assert.Equal(VerdictKind.Error, result.Kind);
        Assert.StartsWith("SystemExit", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Os_exit_is_a_crash()
    {
        var result = await RunHostileAsync("import os\ndef evaluate(response):\n    os._exit(0)\n");

        Assert.Equal(VerdictKind.Crashed, result.Kind);
    }

    [Fact]
    public async Task Killing_the_parent_process_does_not_kill_the_worker()
    {
        var before = _sandbox.WorkerProcessIds;
        var result = await RunHostileAsync("import os, signal\ndef evaluate(response):\n    os.kill(os.getppid(), 9)\n    os.kill(1, signal.SIGTERM)\n    return True\n");

        Assert.Equal(VerdictKind.True, result.Kind);
        Assert.True(before.Count == 0 || before.SequenceEqual(_sandbox.WorkerProcessIds));
        Assert.False(Process.GetCurrentProcess().HasExited);
    }

    [Fact]
    public async Task Flooding_stdout_and_stderr_is_captured_and_capped()
    {
        var result = await RunHostileAsync(
            "import sys, os\ndef evaluate(response):\n    for _ in range(20000):\n        print('x' * 100)\n        sys.stderr.write('y' * 100)\n        os.write(1, b'z' * 100)\n        os.write(2, b'{\"j\":0}\\n')\n    return True\n");

        Assert.Equal(VerdictKind.True, result.Kind);
        Assert.NotNull(result.Detail);
        Assert.StartsWith("xxxx", result.Detail, StringComparison.Ordinal);
        Assert.True(result.Detail.Length <= 2100);
    }

    [Fact]
    public async Task Deep_recursion_is_an_error()
    {
        var result = await RunHostileAsync("def evaluate(response):\n    def down(n):\n        return down(n + 1)\n    return down(0)\n");

        Assert.Equal(VerdictKind.Error, result.Kind);
        Assert.StartsWith("RecursionError", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deep_recursion_with_a_raised_limit_fails_only_its_call()
    {
        var result = await RunHostileAsync("import sys\ndef evaluate(response):\n    sys.setrecursionlimit(10**6)\n    def down(n):\n        return down(n + 1)\n    return down(0)\n");

        // The sandbox caps the limit a verifier may set, so the runaway recursion fails at once, not in a race between
        // the memory limit and the timeout that a busy machine lost.
        Assert.Equal(VerdictKind.Error, result.Kind);
        Assert.StartsWith("RecursionError", result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("def evaluate(response):\n    return 'x' * 50_000_000\n", "str")]
    [InlineData("def evaluate(response):\n    return list(range(3_000_000))\n", "list")]
    [InlineData("class Liar:\n    def __bool__(self):\n        return True\n    def __repr__(self):\n        while True:\n            pass\ndef evaluate(response):\n    return Liar()\n", "__verifier__.Liar")]
    public async Task Huge_or_non_bool_return_values_are_not_bool(string source, string typeName)
    {
        var result = await RunHostileAsync(source);

        Assert.Equal(VerdictKind.NotBool, result.Kind);
        Assert.Equal(typeName, result.Detail);
    }

    [Fact]
    public async Task Patching_builtins_modules_and_sys_does_not_break_the_next_verifier()
    {
        const string saboteur = """
            import builtins, re, json, sys
            def evaluate(response):
                builtins.len = lambda x: 0
                builtins.isinstance = lambda a, b: False
                re.findall = lambda *a, **k: []
                json.loads = lambda s: None
                sys.modules['re'] = None
                sys.path.insert(0, '/tmp')
                sys.setrecursionlimit(50)
                return True
            """;

        var result = await RunHostileAsync(saboteur);
        var sameSourceAgain = await _sandbox.EvaluateAsync(VerifierBatch.CrossProduct([saboteur, "def evaluate(r):\n    return len(r) == 3\n"], ["abc", "abcd"]));

        Assert.Equal(VerdictKind.True, result.Kind);
        Assert.Equal([VerdictKind.True, VerdictKind.True, VerdictKind.True, VerdictKind.False], sameSourceAgain.Select(r => r.Kind));
    }

    [Fact]
    public async Task Tampering_with_signal_handlers_does_not_dodge_the_timeout()
    {
        var result = await RunNeverEndingAsync("import signal\ndef evaluate(response):\n    for s in (signal.SIGALRM, signal.SIGTERM, signal.SIGINT):\n        signal.signal(s, signal.SIG_IGN)\n    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])\n    while True:\n        pass\n");

        Assert.Equal(VerdictKind.Timeout, result.Kind);
    }

    [Fact]
    public async Task A_pending_alarm_does_not_time_out_a_later_call()
    {
        const string setsAlarm = "import signal\ndef evaluate(response):\n    signal.setitimer(signal.ITIMER_REAL, 0.05)\n    return True\n";
        const string slowish = "import time\ndef evaluate(response):\n    time.sleep(0.2)\n    return True\n";

        var results = await _sandbox.EvaluateAsync(VerifierBatch.CrossProduct([setsAlarm, slowish], ["a", "b"]));

        Assert.All(results, r => Assert.Equal(VerdictKind.True, r.Kind));
    }

    [Fact]
    public async Task Importing_a_missing_module_is_an_error()
    {
        var result = await RunHostileAsync("import numpy_that_is_not_here\ndef evaluate(response):\n    return True\n");

        Assert.Equal(VerdictKind.Error, result.Kind);
        Assert.StartsWith("ModuleNotFoundError", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Threads_cannot_outlive_the_call()
    {
        var result = await RunHostileAsync("import threading, time\ndef evaluate(response):\n    threading.Thread(target=lambda: time.sleep(60)).start()\n    return True\n");

        Assert.Equal(VerdictKind.Error, result.Kind);
    }

    [Fact]
    public async Task A_killed_worker_is_replaced_and_its_unfinished_calls_are_retried()
    {
        const string slow = "import time\ndef evaluate(response):\n    time.sleep(0.1)\n    return response.startswith('x')\n";
        var inputs = Enumerable.Range(0, 20).Select(n => n % 2 == 0 ? $"x{n}" : $"y{n}").ToList();
        await _sandbox.EvaluateAsync(WellBehaved, "warm up");
        var pid = Assert.Single(_sandbox.WorkerProcessIds);
        var idle = DescendantCount(pid);

        var running = _sandbox.EvaluateAsync(VerifierBatch.CrossProduct([slow], inputs));
        // The worker forks a child to run the calls: kill it while that child runs them, not after a guessed delay.
        await Poll.UntilAsync(() => DescendantCount(pid) > idle || running.IsCompleted);
        Assert.False(running.IsCompleted, "the batch finished before the worker could be killed in the middle of it");
        using (var worker = Process.GetProcessById(pid))
        {
            worker.Kill(entireProcessTree: true);
        }
        var results = await running;

        Assert.Equal(inputs.Select(i => i.StartsWith('x') ? VerdictKind.True : VerdictKind.False), results.Select(r => r.Kind));
        Assert.NotEqual(pid, Assert.Single(_sandbox.WorkerProcessIds));
    }

    /// <summary>Processes below <paramref name="pid"/>, read from /proc (a process that ends meanwhile is not counted).</summary>
    private static int DescendantCount(int pid)
    {
        var count = 0;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out var parent))
        {
            string[] threads;
            try
            {
                threads = Directory.GetDirectories($"/proc/{parent}/task");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            foreach (var thread in threads)
            {
                string children;
                try
                {
                    children = File.ReadAllText(Path.Combine(thread, "children"));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }
                foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    count++;
                    pending.Push(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        return count;
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
