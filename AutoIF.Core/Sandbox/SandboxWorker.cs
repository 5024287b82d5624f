using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AutoIF.Core.Sandbox;

/// <summary>
/// One worker process and the host side of its line-delimited JSON protocol. Not thread-safe: one job at a time.
/// The host deadline here is the backstop behind the worker's own per-call deadline: if the worker says nothing for
/// longer than a call may take, it is killed and the caller retries the unfinished calls on a fresh worker.
/// </summary>
internal sealed class SandboxWorker : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly TimeSpan _silenceLimit;
    private readonly int _maxDetail;
    private long _nextJobId;

    private SandboxWorker(Process process, ILogger logger, TimeSpan silenceLimit, int maxDetail, WorkerReady ready)
    {
        _process = process;
        _logger = logger;
        _silenceLimit = silenceLimit;
        _maxDetail = maxDetail;
        Ready = ready;
    }

    public WorkerReady Ready { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts a worker, trying once more when the first one dies before saying it is ready: a start can lose a race
    /// on a busy machine, and a pipeline should not fail for it. A real problem (no interpreter, bad limits) fails twice.
    /// </summary>
    public static async Task<SandboxWorker> StartAsync(WorkerLauncher launcher, SandboxOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await StartOnceAsync(launcher, options, logger, cancellationToken);
        }
        catch (SandboxUnavailableException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("A sandbox worker failed to start ({Reason}); trying once more", ex.Message);
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            return await StartOnceAsync(launcher, options, logger, cancellationToken);
        }
    }

    private static async Task<SandboxWorker> StartOnceAsync(WorkerLauncher launcher, SandboxOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var process = new Process { StartInfo = launcher.CreateStartInfo() };
        process.StartInfo.StandardOutputEncoding = Utf8;
        process.StartInfo.StandardErrorEncoding = Utf8;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (errors)
            {
                if (errors.Length < 4000)
                {
                    errors.AppendLine(e.Data);
                }
            }
            logger.LogDebug("sandbox worker stderr: {Line}", e.Data);
        };
        try
        {
            await launcher.StartAsync(process);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new SandboxUnavailableException($"Could not start a sandbox worker: {ex.Message}", ex);
        }
        process.BeginErrorReadLine();
        try
        {
            using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startTimeout.CancelAfter(TimeSpan.FromSeconds(options.StartTimeoutSeconds));
            var line = await process.StandardOutput.ReadLineAsync(startTimeout.Token);
            if (line is null)
            {
                await process.WaitForExitAsync(cancellationToken);
                string stderr;
                lock (errors)
                {
                    stderr = errors.ToString().Trim();
                }
                throw new SandboxUnavailableException(
                    $"The sandbox worker exited at start (code {process.ExitCode}): {(stderr.Length > 0 ? stderr : "no message")}");
            }
            var ready = ParseReady(line);
            var silence = TimeSpan.FromSeconds(options.EffectiveHardDeadlineSeconds + 5);
            return new SandboxWorker(process, logger, silence, options.DetailMaxChars + options.OutputMaxChars + 64, ready);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            process.Dispose();
            throw new SandboxUnavailableException($"The sandbox worker did not start within {options.StartTimeoutSeconds:g} s.");
        }
        catch (IOException ex)
        {
            // Reported like any failed start, so the pool's loops (which expect that) fail the job instead of dying.
            Kill(process);
            process.Dispose();
            throw new SandboxUnavailableException($"The sandbox worker's output broke at start: {ex.Message}", ex);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    private static WorkerReady ParseReady(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new WorkerReady(
                root.GetProperty("python").GetString() ?? "?",
                root.GetProperty("uid").GetInt32(),
                root.GetProperty("pid").GetInt32());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new SandboxUnavailableException($"The sandbox worker did not start properly: {Truncate(line, 300)}", ex);
        }
    }

    /// <summary>
    /// Sends one job and reports each result, in call order, to <paramref name="onResult"/> (position in the job, result).
    /// Throws <see cref="SandboxWorkerFailedException"/> after killing the worker when it dies or goes silent.
    /// </summary>
    public async Task RunAsync(WorkerJobKind kind, IReadOnlyList<string> sourceHashes, IReadOnlyList<string> sources,
        IReadOnlyList<string>? inputs, IReadOnlyList<int>? calls, int expected, Action<int, int, string?> onResult,
        CancellationToken cancellationToken)
    {
        var jobId = ++_nextJobId;
        try
        {
            await WriteRequestAsync(kind, jobId, sourceHashes, sources, inputs, calls, cancellationToken);
        }
        catch (IOException ex)
        {
            Kill();
            throw new SandboxWorkerFailedException("The sandbox worker stopped reading requests.", ex);
        }

        var received = 0;
        while (true)
        {
            string? line;
            using (var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                silence.CancelAfter(_silenceLimit);
                try
                {
                    line = await _process.StandardOutput.ReadLineAsync(silence.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Kill();
                    throw new SandboxWorkerFailedException($"The sandbox worker was silent for {_silenceLimit.TotalSeconds:g} s and was killed.");
                }
                catch (IOException ex)
                {
                    Kill();
                    throw new SandboxWorkerFailedException("The sandbox worker's output broke.", ex);
                }
            }
            if (line is null)
            {
                Kill();
                throw new SandboxWorkerFailedException("The sandbox worker exited.");
            }
            if (HandleMessage(line, jobId, expected, ref received, onResult))
            {
                return;
            }
        }
    }

    /// <summary>Returns true at the end of the job.</summary>
    private bool HandleMessage(string line, long jobId, int expected, ref int received, Action<int, int, string?> onResult)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            Kill();
            throw new SandboxWorkerFailedException($"The sandbox worker broke the protocol: {Truncate(line, 200)}", ex);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("j", out var job) || job.GetInt64() != jobId)
            {
                Kill();
                throw new SandboxWorkerFailedException($"The sandbox worker sent an unexpected message: {Truncate(line, 200)}");
            }
            if (root.TryGetProperty("r", out var results))
            {
                foreach (var item in results.EnumerateArray())
                {
                    if (received >= expected)
                    {
                        Kill();
                        throw new SandboxWorkerFailedException("The sandbox worker sent more results than calls.");
                    }
                    int code;
                    string? detail = null;
                    if (item.ValueKind == JsonValueKind.Number)
                    {
                        code = item.GetInt32();
                    }
                    else
                    {
                        code = item[0].GetInt32();
                        detail = item[1].GetString();
                        if (detail is not null && detail.Length > _maxDetail)
                        {
                            detail = Truncate(detail, _maxDetail);
                        }
                    }
                    onResult(received, code, detail);
                    received++;
                }
                return false;
            }
            if (root.TryGetProperty("fatal", out var fatal))
            {
                var message = fatal.GetString() ?? "unknown failure";
                _logger.LogWarning("Sandbox worker refused a job: {Message}", message);
                while (received < expected)
                {
                    onResult(received, (int)VerdictKind.Crashed, $"the worker could not run this job: {message}");
                    received++;
                }
                return false;
            }
            if (root.TryGetProperty("end", out _))
            {
                if (received != expected)
                {
                    Kill();
                    throw new SandboxWorkerFailedException($"The sandbox worker ended a job after {received} of {expected} results.");
                }
                return true;
            }
            return false;
        }
    }

    // A batch's inputs and calls can run to megabytes: flushing every 64 KiB keeps the writer's buffer small while the worker reads.
    private static async Task WriteArrayAsync<T>(Utf8JsonWriter writer, string name, IReadOnlyList<T> values, Action<T> write, CancellationToken cancellationToken)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            write(value);
            if (writer.BytesPending > 1 << 16)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }
        writer.WriteEndArray();
    }

    private async Task WriteRequestAsync(WorkerJobKind kind, long jobId, IReadOnlyList<string> sourceHashes, IReadOnlyList<string> sources,
        IReadOnlyList<string>? inputs, IReadOnlyList<int>? calls, CancellationToken cancellationToken)
    {
        var stream = _process.StandardInput.BaseStream;
        // The protocol is not HTML: relaxed escaping keeps non-ASCII text and quotes as they are, a shorter message that is
        // cheaper to write and to parse. Control characters, including line breaks, are still escaped, so a request stays one line.
        await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("op", kind == WorkerJobKind.Run ? "run" : "check");
            writer.WriteNumber("j", jobId);
            writer.WriteStartArray("src");
            for (var i = 0; i < sources.Count; i++)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(sourceHashes[i]);
                writer.WriteStringValue(sources[i]);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            if (inputs is not null && calls is not null)
            {
                await WriteArrayAsync(writer, "in", inputs, writer.WriteStringValue, cancellationToken);
                await WriteArrayAsync(writer, "calls", calls, writer.WriteNumberValue, cancellationToken);
            }
            writer.WriteEndObject();
        }
        stream.WriteByte((byte)'\n');
        await stream.FlushAsync(cancellationToken);
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "\u2026");

    public void Kill() => Kill(_process);

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
