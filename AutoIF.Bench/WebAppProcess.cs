using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AutoIF.Bench;

/// <summary>
/// The built web app as its own process, as a user starts it (Production settings, console logging), listening on a free
/// loopback port. Its output is read all along (a full pipe would block its logging) and the last lines kept for errors.
/// </summary>
internal sealed partial class WebAppProcess : IAsyncDisposable
{
    private const int KeptLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly List<string> _problems = [];
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _readers;

    private readonly Regex? _ready;

    private WebAppProcess(Process process, Regex? ready = null)
    {
        _process = process;
        _ready = ready;
        _readers = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    public Uri Address => _address.Task.Result;

    public int ProcessId => _process.Id;

    /// <summary>CPU seconds of the app process itself (its sandbox workers not included).</summary>
    public double CpuSeconds
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
    }

    /// <summary>Starts the app on <paramref name="dataFolder"/> with extra <paramref name="settings"/> and waits until it listens.</summary>
    public static Task<WebAppProcess> StartAsync(string dataFolder, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        LaunchAsync(["--urls", "http://127.0.0.1:0"], dataFolder, settings, ListeningLine(), cancellationToken);

    /// <summary>Starts <c>worker</c> (a job server without pages, taking every queue) and waits until its health endpoint listens.</summary>
    public static Task<WebAppProcess> StartWorkerAsync(string dataFolder, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken) =>
        LaunchAsync(["worker", "--urls", "http://127.0.0.1:0"], dataFolder, settings, WorkerHealthLine(), cancellationToken);

    /// <summary>Runs a command-line verb (e.g. <c>run start NAME</c>) to its end; throws with its output when it fails.</summary>
    public static async Task RunVerbAsync(string dataFolder, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> verb, CancellationToken cancellationToken)
    {
        await using var cli = new WebAppProcess(Process.Start(StartInfo(verb, dataFolder, settings))!);
        await cli._process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        await cli._readers;
        if (cli._process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', verb)}' failed (exit code {cli._process.ExitCode}):\n{cli.LastLines()}");
        }
    }

    private static async Task<WebAppProcess> LaunchAsync(IReadOnlyList<string> args, string dataFolder, IReadOnlyDictionary<string, string> settings, Regex ready, CancellationToken cancellationToken)
    {
        var app = new WebAppProcess(Process.Start(StartInfo(args, dataFolder, settings))!, ready);
        try
        {
            var exited = app._process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(app._address.Task, exited).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
            if (first != app._address.Task)
            {
                throw new InvalidOperationException($"the web app exited at start (code {app._process.ExitCode}):\n{app.LastLines()}");
            }
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyList<string> args, string dataFolder, IReadOnlyDictionary<string, string> settings)
    {
        var dll = BuiltWebApp.Dll();
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build AutoIF.Web in the same configuration first");
        }
        // The project folder as content root, as ./start.sh runs the app from its publish folder: appsettings.json (its
        // log levels among others) and wwwroot are found there.
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.Combine(BuiltWebApp.SolutionFolder(), "AutoIF.Web"),
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add($"--Storage:DataFolder={dataFolder}");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return info;
    }

    /// <summary>The warnings and errors the app logged so far (category line and message), e.g. a sandbox worker replaced.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return _problems.ToList();
            }
        }
    }

    /// <summary>The app's last lines of output, for an error message.</summary>
    public string LastLines()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }

    private async Task ReadAsync(StreamReader reader)
    {
        string? problem = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            // The console format: "warn: Category[id]" and the message indented on the next line.
            if (problem is not null)
            {
                lock (_problems)
                {
                    _problems.Add($"{problem} {line.Trim()}");
                }
                problem = null;
            }
            else if (line.StartsWith("warn: ", StringComparison.Ordinal) || line.StartsWith("fail: ", StringComparison.Ordinal) || line.StartsWith("crit: ", StringComparison.Ordinal))
            {
                problem = line;
            }
            if (!_address.Task.IsCompleted && _ready?.Match(line) is { Success: true } match)
            {
                _address.TrySetResult(new Uri(match.Groups[1].Value));
            }
            lock (_lastLines)
            {
                _lastLines.Enqueue(line);
                if (_lastLines.Count > KeptLines)
                {
                    _lastLines.Dequeue();
                }
            }
        }
    }

    /// <summary>Stops the app as a service manager would (SIGTERM, so it stops its sandbox workers), killing it after 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            try
            {
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        await _readers;
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"^worker: .*; health at (http://\S+)/health")]
    private static partial Regex WorkerHealthLine();
}
