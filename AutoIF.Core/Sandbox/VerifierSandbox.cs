using System.ComponentModel.DataAnnotations;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AutoIF.Core.Sandbox;

/// <summary>
/// The pool of sandboxed Python workers. Requests are cut into jobs (<see cref="JobPlanner"/>) and queued; one loop
/// per worker takes the next job, so every worker is busy while there is work. Workers start lazily on first use.
/// A worker that dies or goes silent is killed and replaced, and the calls it had not finished run again on the
/// fresh one; a call that breaks a worker twice is reported as <see cref="VerdictKind.Crashed"/>.
/// </summary>
public sealed class VerifierSandbox : IVerifierSandbox, IAsyncDisposable, IDisposable
{
    private const int MaxSourcesPerCheckJob = 64;
    private const string ProbeSource = "import re, json\n\ndef evaluate(response):\n    return response == 'probe'\n";

    private readonly SandboxOptions _options;
    private readonly ILogger _logger;
    private readonly WorkerLauncher _launcher;
    private readonly Channel<SandboxJob> _queue = Channel.CreateUnbounded<SandboxJob>();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _gate = new();
    private readonly SandboxWorker?[] _workers;
    private Task[] _loops = [];
    private SandboxHealth? _lastHealth;
    private bool _disposed;

    public VerifierSandbox(SandboxOptions options, ILogger<VerifierSandbox>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _launcher = new WorkerLauncher(options);
        _workers = new SandboxWorker?[options.Workers];
    }

    public SandboxHealth? LastHealth => Volatile.Read(ref _lastHealth);

    /// <summary>Process ids of the running workers (the sandbox's outer process), for diagnostics and tests.</summary>
    internal IReadOnlyList<int> WorkerProcessIds
    {
        get
        {
            lock (_gate)
            {
                return _workers.Where(w => w is { HasExited: false }).Select(w => w!.ProcessId).ToList();
            }
        }
    }

    public async Task<IReadOnlyList<VerifierResult>> EvaluateAsync(VerifierBatch batch, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfRefused();
        var request = new SandboxRequest(batch.CallCount, progress, cancellationToken);
        Enqueue(JobPlanner.PlanRun(batch, request, _options.Workers));
        var raw = await request.Completion.WaitAsync(cancellationToken);
        var results = new VerifierResult[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            results[i] = ToVerdict(raw[i]);
        }
        return results;
    }

    public async Task<VerifierResult> EvaluateAsync(string source, string response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(response);
        var results = await EvaluateAsync(new VerifierBatch([source], [response]), null, cancellationToken);
        return results[0];
    }

    public async Task<CompileResult> CompileAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var results = await CompileAsync([source], cancellationToken);
        return results[0];
    }

    public async Task<IReadOnlyList<CompileResult>> CompileAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ThrowIfRefused();
        var request = new SandboxRequest(sources.Count, null, cancellationToken);
        var jobs = new List<SandboxJob>();
        for (var start = 0; start < sources.Count; start += MaxSourcesPerCheckJob)
        {
            var count = Math.Min(MaxSourcesPerCheckJob, sources.Count - start);
            var slice = sources.Skip(start).Take(count).ToArray();
            jobs.Add(new SandboxJob
            {
                Request = request,
                Kind = WorkerJobKind.Check,
                Sources = slice,
                SourceHashes = slice.Select(JobPlanner.Hash).ToArray(),
                Slots = Enumerable.Range(start, count).ToArray(),
            });
        }
        Enqueue(jobs);
        var raw = await request.Completion.WaitAsync(cancellationToken);
        return raw.Select(ToCompileResult).ToArray();
    }

    public async Task<SandboxHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        var health = await ProbeAsync(cancellationToken);
        Volatile.Write(ref _lastHealth, health);
        return health;
    }

    private async Task<SandboxHealth> ProbeAsync(CancellationToken cancellationToken)
    {
        var sandboxed = _launcher.Mode == SandboxMode.Bubblewrap;
        if (_launcher.Mode == SandboxMode.Unavailable)
        {
            return new SandboxHealth(_options.PythonPath, null, false, _options.AllowUnsandboxed, false, null, _launcher.Reason);
        }
        try
        {
            using var worker = await SandboxWorker.StartAsync(_launcher, _options, _logger, cancellationToken);
            var code = -1;
            string? detail = null;
            await worker.RunAsync(WorkerJobKind.Run, [JobPlanner.Hash(ProbeSource)], [ProbeSource], ["probe"], [0, 0], 1,
                (_, c, d) => (code, detail) = (c, d), cancellationToken);
            var ready = worker.Ready;
            if (code != (int)VerdictKind.True)
            {
                return new SandboxHealth(_options.PythonPath, ready.PythonVersion, false, _options.AllowUnsandboxed, false, ready.Uid,
                    $"The sandbox started but a probe verifier failed ({(VerdictKind)code}: {detail}).");
            }
            var message = sandboxed
                ? $"Sandbox active: Python {ready.PythonVersion} under bubblewrap as uid {ready.Uid}" +
                  (_launcher.DropsPrivileges ? $" (host user {_options.SandboxUid})." : " (the app's own user).")
                : _launcher.Reason;
            return new SandboxHealth(_options.PythonPath, ready.PythonVersion, sandboxed, _options.AllowUnsandboxed, true, ready.Uid, message);
        }
        catch (Exception ex) when (ex is SandboxUnavailableException or SandboxWorkerFailedException)
        {
            return new SandboxHealth(_options.PythonPath, null, false, _options.AllowUnsandboxed, false, null, ex.Message);
        }
    }

    private void ThrowIfRefused()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_launcher.Mode == SandboxMode.Unavailable)
        {
            throw new SandboxUnavailableException(_launcher.Reason);
        }
    }

    private static VerifierResult ToVerdict(RawResult raw) =>
        raw.Code is >= (int)VerdictKind.True and <= (int)VerdictKind.Crashed
            ? new VerifierResult((VerdictKind)raw.Code, raw.Detail)
            : new VerifierResult(VerdictKind.Crashed, $"the worker reported an invalid result ({raw.Code})");

    private static CompileResult ToCompileResult(RawResult raw) =>
        raw.Code is >= (int)CompileStatus.Ok and <= (int)CompileStatus.Failed
            ? new CompileResult((CompileStatus)raw.Code, raw.Detail)
            : new CompileResult(CompileStatus.Failed, raw.Detail ?? "the worker reported an invalid result");

    private void Enqueue(List<SandboxJob> jobs)
    {
        EnsureStarted();
        foreach (var job in jobs)
        {
            if (!_queue.Writer.TryWrite(job))
            {
                job.Request.Fail(new ObjectDisposedException(nameof(VerifierSandbox)));
            }
        }
    }

    private void EnsureStarted()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_loops.Length > 0)
            {
                return;
            }
            _loops = Enumerable.Range(0, _workers.Length).Select(i => Task.Run(() => WorkerLoopAsync(i))).ToArray();
        }
    }

    /// <summary>
    /// Starts every worker now, in the background, so the first batch does not wait for them (a worker takes a good part
    /// of a second to start: bubblewrap, Python, the preloaded modules). Does nothing when verifiers are refused.
    /// </summary>
    public void WarmUp()
    {
        if (_launcher.Mode != SandboxMode.Unavailable && !_disposed)
        {
            EnsureStarted();
        }
    }

    private async Task WorkerLoopAsync(int index)
    {
        SandboxWorker? worker = null;
        try
        {
            // Started before the first job: at once after WarmUp, and no later than the job would start it otherwise.
            try
            {
                worker = await SandboxWorker.StartAsync(_launcher, _options, _logger, _shutdown.Token);
                lock (_gate)
                {
                    _workers[index] = worker;
                }
            }
            catch (SandboxUnavailableException ex)
            {
                // The job that comes next tries again and fails with this reason if it still holds.
                _logger.LogWarning("Sandbox worker could not start yet: {Message}", ex.Message);
            }
            await foreach (var job in _queue.Reader.ReadAllAsync(_shutdown.Token))
            {
                if (job.Request.IsFinished)
                {
                    continue;
                }
                if (job.Request.CancellationToken.IsCancellationRequested)
                {
                    job.Request.Cancel();
                    continue;
                }
                if (worker is null || worker.HasExited)
                {
                    worker?.Dispose();
                    worker = null;
                    try
                    {
                        worker = await SandboxWorker.StartAsync(_launcher, _options, _logger, _shutdown.Token);
                    }
                    catch (SandboxUnavailableException ex)
                    {
                        _logger.LogError("Sandbox worker could not start: {Message}", ex.Message);
                        job.Request.Fail(ex);
                        continue;
                    }
                    lock (_gate)
                    {
                        _workers[index] = worker;
                    }
                }
                worker = await RunJobAsync(worker, job);
            }
        }
        catch (OperationCanceledException) when (_shutdown.IsCancellationRequested)
        {
        }
        finally
        {
            worker?.Dispose();
        }
    }

    /// <summary>Runs one job; returns the worker to keep using, or null when it had to be killed.</summary>
    private async Task<SandboxWorker?> RunJobAsync(SandboxWorker worker, SandboxJob job)
    {
        var delivered = 0;
        try
        {
            await worker.RunAsync(job.Kind, job.SourceHashes, job.Sources, job.Inputs, job.Calls, job.Count,
                (position, code, detail) =>
                {
                    job.Request.Set(job.Slots[position], code, detail);
                    delivered = position + 1;
                },
                _shutdown.Token);
            return worker;
        }
        catch (SandboxWorkerFailedException ex)
        {
            _logger.LogWarning("Sandbox worker {Pid} failed and is replaced: {Message}", worker.ProcessId, ex.Message);
            worker.Dispose();
            Retry(job, delivered, ex.Message);
            return null;
        }
    }

    private void Retry(SandboxJob job, int delivered, string reason)
    {
        if (delivered >= job.Count || job.Request.IsFinished)
        {
            return;
        }
        // Each call gets two tries: a worker may die for reasons of its own, but a call that kills two is the culprit.
        var attempt = delivered > 0 ? 1 : job.Attempt + 1;
        var from = delivered;
        if (attempt >= 2)
        {
            job.Request.Set(job.Slots[from], SandboxRequest.FailureCode, $"the worker process died during this call twice: {reason}");
            from++;
            attempt = 0;
        }
        if (from < job.Count && !_queue.Writer.TryWrite(job.Remainder(from, attempt)))
        {
            job.Request.Fail(new ObjectDisposedException(nameof(VerifierSandbox)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] loops;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            loops = _loops;
        }
        _queue.Writer.TryComplete();
        await _shutdown.CancelAsync();
        KillWorkers();
        try
        {
            await Task.WhenAll(loops).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Sandbox workers did not stop within 10 s.");
        }
        FailQueued();
        _launcher.Dispose();
        _shutdown.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
        }
        _queue.Writer.TryComplete();
        _shutdown.Cancel();
        KillWorkers();
        FailQueued();
        _launcher.Dispose();
    }

    private void KillWorkers()
    {
        lock (_gate)
        {
            foreach (var worker in _workers)
            {
                worker?.Kill();
            }
        }
    }

    private void FailQueued()
    {
        while (_queue.Reader.TryRead(out var job))
        {
            job.Request.Fail(new ObjectDisposedException(nameof(VerifierSandbox)));
        }
    }
}
