using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace AutoIF.Tests.Infrastructure;

/// <summary>
/// The built AutoIF.Web app as a separate OS process, as a user starts it: for browser tests and crash tests
/// (it can be killed with SIGKILL). Served in Development so static assets come from the build output.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process) => _process = process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string WebDll
    {
        get
        {
            var baseDir = AppContext.BaseDirectory;
            var configuration = baseDir.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dir = new DirectoryInfo(baseDir);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AutoIF.Web.sln")))
            {
                dir = dir.Parent;
            }
            if (dir is null)
            {
                throw new InvalidOperationException("AutoIF.Web.sln not found above " + baseDir);
            }
            return Path.Combine(dir.FullName, "AutoIF.Web", "bin", configuration, "net10.0", "AutoIF.Web.dll");
        }
    }

    /// <summary>Starts the web app (no arguments but settings) and waits until it listens.</summary>
    public static async Task<AppProcess> StartWebAsync(string dataFolder, IDictionary<string, string>? settings = null)
    {
        var args = new List<string> { "--urls", "http://127.0.0.1:0", $"--Storage:DataFolder={dataFolder}" };
        args.AddRange((settings ?? new Dictionary<string, string>()).Select(kv => $"--{kv.Key}={kv.Value}"));
        var app = Launch(args);
        // Generous: a loaded machine can take a while to JIT and migrate; the loop leaves as soon as the app listens.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (ListeningOn().Match(app.Output) is { Success: true } match)
            {
                app.BaseAddress = new Uri(match.Groups[1].Value);
                return app;
            }
            if (app._process.HasExited)
            {
                break;
            }
            await Task.Delay(100);
        }
        var output = app.Output;
        await app.DisposeAsync();
        throw new InvalidOperationException("The app did not start:\n" + output);
    }

    /// <summary>Starts <c>worker</c> with <paramref name="verbArgs"/> on a free port and waits until its health endpoint listens.</summary>
    public static async Task<AppProcess> StartWorkerAsync(string dataFolder, params string[] verbArgs)
    {
        var worker = Launch(["worker", "--urls", "http://127.0.0.1:0", .. verbArgs, $"--Storage:DataFolder={dataFolder}"]);
        await Poll.UntilAsync(() => WorkerHealth().IsMatch(worker.Output) || worker.HasExited, TimeSpan.FromMinutes(3));
        if (WorkerHealth().Match(worker.Output) is not { Success: true } match)
        {
            var output = worker.Output;
            await worker.DisposeAsync();
            throw new InvalidOperationException("The worker did not start:\n" + output);
        }
        worker.BaseAddress = new Uri(match.Groups[1].Value);
        return worker;
    }

    /// <summary>Runs a CLI verb to completion and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output)> RunCliAsync(string dataFolder, params string[] verbArgs) =>
        RunCliAsync(dataFolder, TimeSpan.FromMinutes(5), verbArgs);

    /// <summary>Runs a CLI verb to completion; fails, with its output, when it has not returned within <paramref name="limit"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunCliAsync(string dataFolder, TimeSpan limit, params string[] verbArgs)
    {
        await using var cli = StartCli(dataFolder, verbArgs);
        return (await cli.WaitForExitAsync(limit), cli.Output);
    }

    /// <summary>Runs a CLI verb with <paramref name="input"/> on its standard input (e.g. <c>--password-stdin</c>), to completion.</summary>
    public static async Task<(int ExitCode, string Output)> RunCliWithInputAsync(string dataFolder, string input, params string[] verbArgs)
    {
        await using var cli = Launch([.. verbArgs, $"--Storage:DataFolder={dataFolder}"], redirectInput: true);
        await cli._process.StandardInput.WriteLineAsync(input);
        cli._process.StandardInput.Close();
        return (await cli.WaitForExitAsync(TimeSpan.FromMinutes(5)), cli.Output);
    }

    /// <summary>Starts a CLI verb and returns at once, e.g. to kill it mid-run.</summary>
    public static AppProcess StartCli(string dataFolder, params string[] verbArgs) =>
        Launch([.. verbArgs, $"--Storage:DataFolder={dataFolder}"]);

    /// <summary>The exit code; throws with the output when the process has not exited within <paramref name="limit"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"'{string.Join(' ', _process.StartInfo.ArgumentList.Skip(1))}' did not return within {limit}:\n{Output}");
        }
        // The parameterless wait also drains the redirected output.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private static AppProcess Launch(IEnumerable<string> args, bool redirectInput = false)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(WebDll)!,
        };
        info.ArgumentList.Add(WebDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        var process = new Process { StartInfo = info };
        var app = new AppProcess(process);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown hooks run, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    [GeneratedRegex(@"worker: .*; health at (http://127\.0\.0\.1:\d+)/health")]
    private static partial Regex WorkerHealth();
}
