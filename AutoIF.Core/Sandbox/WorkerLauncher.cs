using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace AutoIF.Core.Sandbox;

/// <summary>
/// Decides how workers start (bubblewrap, unsandboxed or refused) and builds their command lines. Owns a private,
/// world-readable copy of the worker script so the unprivileged sandbox user can read it wherever the app lives.
/// </summary>
internal sealed class WorkerLauncher : IDisposable
{
    internal const string ScriptFileName = "worker.py";
    private const string SandboxScriptFolder = "/sandbox";

    private readonly SandboxOptions _options;
    private readonly Lock _gate = new();
    private readonly BlockingCollection<(Process Process, TaskCompletionSource Started)> _spawns = new();
    private DirectoryInfo? _scriptFolder;

    public WorkerLauncher(SandboxOptions options)
    {
        _options = options;
        (Mode, Reason) = Decide(options);
        // Workers are started from one thread that lives as long as the app: bubblewrap's --die-with-parent
        // (PR_SET_PDEATHSIG) fires when the *thread* that forked it exits, and thread-pool threads do exit when idle,
        // which used to kill healthy workers with SIGKILL (exit code 137), sometimes before they were even ready.
        new Thread(SpawnLoop) { IsBackground = true, Name = "sandbox-worker-spawner" }.Start();
    }

    /// <summary>Starts the process on the spawner thread.</summary>
    public Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _spawns.Add((process, started));
        return started.Task;
    }

    private void SpawnLoop()
    {
        foreach (var (process, started) in _spawns.GetConsumingEnumerable())
        {
            try
            {
                process.Start();
                started.SetResult();
            }
            catch (Exception ex)
            {
                started.SetException(ex);
            }
        }
    }

    public SandboxMode Mode { get; }

    /// <summary>Why the mode was chosen, in words for the operator.</summary>
    public string Reason { get; }

    /// <summary>When the app is root, workers drop to the sandbox user with setpriv; otherwise they keep the app's own uid.</summary>
    public bool DropsPrivileges => Environment.IsPrivilegedProcess;

    internal static string? FindScript()
    {
        foreach (var folder in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(WorkerLauncher).Assembly.Location) })
        {
            if (string.IsNullOrEmpty(folder))
            {
                continue;
            }
            var path = Path.Combine(folder, "Sandbox", ScriptFileName);
            if (File.Exists(path))
            {
                return path;
            }
        }
        return null;
    }

    private static (SandboxMode Mode, string Reason) Decide(SandboxOptions options)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (SandboxMode.Unavailable, "The verifier sandbox needs Linux.");
        }
        if (!File.Exists(options.PythonPath))
        {
            return (SandboxMode.Unavailable, $"Python interpreter not found at {options.PythonPath} (Sandbox:PythonPath).");
        }
        if (FindScript() is null)
        {
            return (SandboxMode.Unavailable, "The sandbox worker script Sandbox/worker.py is missing from the app folder.");
        }
        var rootWithoutSetpriv = Environment.IsPrivilegedProcess && !File.Exists(options.SetprivPath);
        if (File.Exists(options.BubblewrapPath) && !rootWithoutSetpriv)
        {
            return (SandboxMode.Bubblewrap, $"Verifiers run under bubblewrap ({options.BubblewrapPath}).");
        }
        var missing = rootWithoutSetpriv
            ? $"setpriv is missing ({options.SetprivPath}) and the app runs as root, so workers cannot drop to an unprivileged user"
            : $"bubblewrap is missing ({options.BubblewrapPath}); install the 'bubblewrap' package";
        return options.AllowUnsandboxed
            ? (SandboxMode.Unsandboxed, $"WARNING: verifiers run WITHOUT a sandbox because {missing} and Sandbox:AllowUnsandboxed is true.")
            : (SandboxMode.Unavailable, $"Verifier code is refused: {missing}. Set Sandbox:AllowUnsandboxed=true only if you trust every verifier.");
    }

    public ProcessStartInfo CreateStartInfo()
    {
        if (Mode == SandboxMode.Unavailable)
        {
            throw new SandboxUnavailableException(Reason);
        }
        var scriptFolder = EnsureScriptFolder();
        var sandboxed = Mode == SandboxMode.Bubblewrap;
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = sandboxed ? "/" : Path.GetTempPath(),
        };
        var arguments = new List<string>();
        if (DropsPrivileges && File.Exists(_options.SetprivPath))
        {
            // A uid mapped inside a user namespace is not enough: started by root, files owned by root stay readable.
            info.FileName = _options.SetprivPath;
            arguments.AddRange(
            [
                $"--reuid={_options.SandboxUid.ToString(CultureInfo.InvariantCulture)}",
                $"--regid={_options.SandboxGid.ToString(CultureInfo.InvariantCulture)}",
                "--clear-groups", "--inh-caps=-all", "--no-new-privs", "--",
            ]);
            arguments.Add(sandboxed ? _options.BubblewrapPath : _options.PythonPath);
        }
        else
        {
            info.FileName = sandboxed ? _options.BubblewrapPath : _options.PythonPath;
        }

        string scriptPath;
        string? scratch;
        if (sandboxed)
        {
            arguments.AddRange(BubblewrapArguments(scriptFolder.FullName));
            arguments.Add(_options.PythonPath);
            scriptPath = $"{SandboxScriptFolder}/{ScriptFileName}";
            scratch = "/tmp";
        }
        else
        {
            scriptPath = Path.Combine(scriptFolder.FullName, ScriptFileName);
            scratch = null;
        }
        arguments.AddRange(["-I", "-S", "-B", scriptPath, WorkerConfig(scratch)]);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Nothing of the app's environment (API keys, connection strings) reaches verifier code.
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        info.Environment["LANG"] = "C.UTF-8";
        return info;
    }

    private IEnumerable<string> BubblewrapArguments(string scriptFolder)
    {
        var arguments = new List<string>
        {
            "--unshare-all", "--die-with-parent", "--new-session", "--as-pid-1", "--cap-drop", "ALL",
            "--uid", _options.SandboxUid.ToString(CultureInfo.InvariantCulture),
            "--gid", _options.SandboxGid.ToString(CultureInfo.InvariantCulture),
            "--hostname", "sandbox", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8",
            "--ro-bind", "/usr", "/usr",
        };
        // Only what the interpreter and its standard library need: /usr and the usual links into it.
        foreach (var top in new[] { "/lib", "/lib64", "/bin", "/sbin", "/lib32" })
        {
            var entry = new FileInfo(top);
            if (entry.LinkTarget is { } target)
            {
                arguments.AddRange(["--symlink", target, top]);
            }
            else if (Directory.Exists(top))
            {
                arguments.AddRange(["--ro-bind", top, top]);
            }
        }
        var pythonPrefix = InterpreterPrefix(_options.PythonPath);
        if (pythonPrefix is not null)
        {
            arguments.AddRange(["--ro-bind", pythonPrefix, pythonPrefix]);
        }
        arguments.AddRange(
        [
            "--proc", "/proc", "--dev", "/dev",
            "--size", (_options.ScratchMb * 1024L * 1024L).ToString(CultureInfo.InvariantCulture), "--tmpfs", "/tmp",
            "--ro-bind", scriptFolder, SandboxScriptFolder,
            "--remount-ro", "/", "--chdir", "/tmp", "--",
        ]);
        return arguments;
    }

    /// <summary>An interpreter installed outside /usr needs its own prefix in the sandbox.</summary>
    private static string? InterpreterPrefix(string pythonPath)
    {
        var resolved = new FileInfo(pythonPath).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(pythonPath);
        if (resolved.StartsWith("/usr/", StringComparison.Ordinal))
        {
            return null;
        }
        return Path.GetDirectoryName(Path.GetDirectoryName(resolved));
    }

    private string WorkerConfig(string? scratch)
    {
        var hard = _options.EffectiveHardDeadlineSeconds;
        var config = new Dictionary<string, object?>
        {
            ["soft"] = _options.TimeoutSeconds,
            ["hard"] = hard,
            ["detail_cap"] = _options.DetailMaxChars,
            ["output_cap"] = _options.OutputMaxChars,
            ["scratch"] = scratch,
            ["child_cpu"] = (int)Math.Max(60, Math.Ceiling(hard * 4)),
            ["shm_mb"] = 8,
            ["mem_mb"] = _options.MemoryMb,
            ["nofile"] = _options.OpenFiles,
            ["nproc"] = 64 + _options.WarmVerifiers,
            ["warm"] = _options.WarmVerifiers,
            ["in_mb"] = 8,
            ["fsize_mb"] = _options.ScratchMb,
        };
        return JsonSerializer.Serialize(config);
    }

    private DirectoryInfo EnsureScriptFolder()
    {
        lock (_gate)
        {
            if (_scriptFolder is { Exists: true })
            {
                return _scriptFolder;
            }
            var source = FindScript() ?? throw new SandboxUnavailableException("The sandbox worker script Sandbox/worker.py is missing.");
            var folder = Directory.CreateTempSubdirectory("autoif-sandbox-");
            var target = Path.Combine(folder.FullName, ScriptFileName);
            File.Copy(source, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                File.SetUnixFileMode(folder.FullName,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
            _scriptFolder = folder;
            return folder;
        }
    }

    public void Dispose()
    {
        _spawns.CompleteAdding();
        lock (_gate)
        {
            try
            {
                _scriptFolder?.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            _scriptFolder = null;
        }
    }
}
